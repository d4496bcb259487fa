-- Who acted, as separate fields: what authenticated the actor (API_KEY, BOOTSTRAP_KEY, TOKEN), or
-- that it was the service (SERVICE), and its id within that kind (a key's prefix, a token's
-- subject, a service's name). The name alone ("x (token)", "x (1a2b3c4d)") let a token whose
-- subject is "bootstrap admin (bootstrap)" read like the bootstrap key.
ALTER TABLE audit_entry ADD COLUMN actor_kind VARCHAR(32);
ALTER TABLE audit_entry ADD COLUMN actor_id VARCHAR(256);
-- Which fields entry_hash covers: 1 for the entries below, hashed before kinds existed; 2 for
-- entries written from now on, whose hash covers the kind and id too.
ALTER TABLE audit_entry ADD COLUMN hash_version SMALLINT DEFAULT 1 NOT NULL;

-- Entries written before: kind and id derived from the name by the rule of Actor.fromName, which
-- audit verification applies again to these entries. Names end in a suffix only the service
-- writes: " (token)" for a token, " (bootstrap)" for the bootstrap key, " (<8 hex digits>)" for
-- any other key. The service's own names are listed; anything else is UNKNOWN.
UPDATE audit_entry SET actor_kind = 'TOKEN', actor_id = SUBSTRING(actor FROM 1 FOR CHAR_LENGTH(actor) - 8)
 WHERE actor LIKE '% (token)';
UPDATE audit_entry SET actor_kind = 'BOOTSTRAP_KEY', actor_id = 'bootstrap'
 WHERE actor_kind IS NULL AND actor LIKE '% (bootstrap)';
UPDATE audit_entry SET actor_kind = 'API_KEY', actor_id = SUBSTRING(actor FROM CHAR_LENGTH(actor) - 8 FOR 8)
 WHERE actor_kind IS NULL AND actor LIKE '% (________)'
   AND TRANSLATE(SUBSTRING(actor FROM CHAR_LENGTH(actor) - 8 FOR 8), '0123456789abcdef', '0000000000000000')
       = '00000000';
UPDATE audit_entry SET actor_kind = 'SERVICE', actor_id = actor
 WHERE actor_kind IS NULL
   AND actor IN ('environment', 'custodian', 'custodian-scanner', 'custodian-worker', 'retention-scheduler');
UPDATE audit_entry SET actor_kind = 'UNKNOWN', actor_id = actor WHERE actor_kind IS NULL;

ALTER TABLE audit_entry ALTER COLUMN actor_kind SET NOT NULL;
ALTER TABLE audit_entry ALTER COLUMN actor_id SET NOT NULL;
CREATE INDEX audit_entry_actor_kind_idx ON audit_entry (actor_kind, actor_id, seq);
