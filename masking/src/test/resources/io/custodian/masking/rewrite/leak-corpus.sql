-- The leak corpus: queries a principal without rights may send through the gateway. Each entry
-- starts with a "-- name:" line; "-- dialects:" limits it to the listed databases (default: all);
-- "-- expect: no-raw" marks a query whose unmasked result holds no whole classified value (it is
-- still checked for leaks). Tables: customers (id, name, email, phone, ssn, birth_date, city,
-- tier), orders (id, customer_id, amount, contact_email, placed_on), "Contacts" ("Contact Id",
-- "Email Address", "Full Name", "Notes"), "VIP" ("ID", "SSN", "LEVEL").

-- name: select_star
SELECT * FROM customers

-- name: select_columns
SELECT name, email, phone, ssn, birth_date FROM customers

-- name: qualified_star
SELECT c.* FROM customers c

-- name: upper_lower
SELECT upper(name), lower(email) FROM customers

-- name: substring_whole
SELECT substring(ssn FROM 1 FOR 11), substr(email, 1, 40) FROM customers

-- name: concat_operator
SELECT name || ' <' || email || '>' FROM customers

-- name: concat_function
SELECT concat(name, ':', phone, ':', ssn) FROM customers

-- name: cast_varchar
SELECT CAST(ssn AS varchar(20)), CAST(birth_date AS varchar(20)) FROM customers

-- name: pg_cast_text
-- dialects: postgresql
SELECT ssn::text, birth_date::text, email::varchar FROM customers

-- name: replace_separators
SELECT replace(ssn, '-', ''), replace(phone, '-', '') FROM customers

-- name: coalesce
SELECT coalesce(phone, email, name) FROM customers

-- name: case_expression
SELECT CASE WHEN ssn LIKE '123%' THEN ssn ELSE email END FROM customers

-- name: string_agg
-- dialects: postgresql
SELECT string_agg(email, ',') FROM customers

-- name: string_agg_ordered
-- dialects: postgresql
SELECT city, string_agg(name, '; ' ORDER BY name) FROM customers GROUP BY city

-- name: listagg
-- dialects: h2
SELECT LISTAGG(email, ',') WITHIN GROUP (ORDER BY email) FROM customers

-- name: array_agg
SELECT array_agg(ssn) FROM customers

-- name: array_agg_distinct
-- dialects: postgresql
SELECT array_agg(DISTINCT email) FROM customers

-- name: row_to_json
-- dialects: postgresql
SELECT row_to_json(c) FROM customers c

-- name: row_to_json_unaliased
-- dialects: postgresql
SELECT row_to_json(customers) FROM customers

-- name: to_jsonb
-- dialects: postgresql
SELECT to_jsonb(c) FROM customers c

-- name: json_build_object
-- dialects: postgresql
SELECT json_build_object('n', name, 'e', email, 's', ssn, 'b', birth_date) FROM customers

-- name: json_agg_rows
-- dialects: postgresql
SELECT json_agg(c) FROM customers c

-- name: jsonb_agg_arrays
-- dialects: postgresql
SELECT jsonb_agg(jsonb_build_array(email, phone)) FROM customers

-- name: whole_row
-- dialects: postgresql
SELECT c FROM customers c

-- name: whole_row_as_text
-- dialects: postgresql
SELECT c::text FROM customers c

-- name: json_arrow_operators
-- dialects: postgresql
SELECT to_jsonb(c)->>'ssn', to_jsonb(c)->'email', to_jsonb(c)#>>'{phone}' FROM customers c

-- name: window_first_value
SELECT id, first_value(email) OVER (ORDER BY id) FROM customers

-- name: window_lag_lead
SELECT id, lag(ssn) OVER (ORDER BY id), lead(phone) OVER (ORDER BY id) FROM customers

-- name: window_partition
SELECT city, max(name) OVER (PARTITION BY city) FROM customers

-- name: window_over_masked
SELECT email, row_number() OVER (PARTITION BY email ORDER BY ssn) FROM customers

-- name: window_string_agg
-- dialects: postgresql
SELECT string_agg(email, ',') OVER (PARTITION BY city) FROM customers

-- name: lateral_comma
-- dialects: postgresql
SELECT c.id, x.e FROM customers c, LATERAL (SELECT c.email AS e) x

-- name: cross_join_lateral
-- dialects: postgresql
SELECT c.id, x.s FROM customers c CROSS JOIN LATERAL (SELECT c.ssn AS s, c.name AS n) x

-- name: join_lateral_aggregate
-- dialects: postgresql
SELECT c.name, o.total FROM customers c JOIN LATERAL (SELECT sum(amount) AS total FROM orders WHERE customer_id = c.id) o ON true

-- name: quoted_columns
SELECT "Email Address", "Full Name" FROM "Contacts"

-- name: quoted_star
SELECT * FROM "Contacts"

-- name: quoted_alias_concat
SELECT ct."Email Address" || ' / ' || ct."Notes" FROM "Contacts" AS ct

-- name: upper_case_table
SELECT "SSN", "LEVEL" FROM "VIP"

-- name: upper_case_table_star
SELECT v.* FROM "VIP" v

-- name: union
SELECT email FROM customers UNION SELECT "Email Address" FROM "Contacts"

-- name: union_all
SELECT ssn FROM customers UNION ALL SELECT "SSN" FROM "VIP"

-- name: intersect
SELECT email FROM customers INTERSECT SELECT contact_email FROM orders

-- name: except
SELECT email FROM customers EXCEPT SELECT 'nobody@none.test'

-- name: scalar_subquery
SELECT (SELECT max(ssn) FROM customers) AS s

-- name: scalar_correlated
SELECT o.id, (SELECT c.email FROM customers c WHERE c.id = o.customer_id) FROM orders o

-- name: in_subquery
SELECT name FROM customers WHERE email IN (SELECT contact_email FROM orders)

-- name: in_subquery_on_masked
SELECT id, email FROM customers WHERE ssn IN (SELECT ssn FROM customers WHERE ssn LIKE '1%')

-- name: exists
SELECT c.email FROM customers c WHERE EXISTS (SELECT 1 FROM orders o WHERE o.contact_email = c.email)

-- name: not_exists
SELECT c.phone FROM customers c WHERE NOT EXISTS (SELECT 1 FROM "VIP" v WHERE v."SSN" = c.ssn)

-- name: distinct
SELECT DISTINCT email FROM customers

-- name: distinct_on
-- dialects: postgresql
SELECT DISTINCT ON (city) city, name FROM customers ORDER BY city, name

-- name: group_by_masked
SELECT email, count(*) FROM customers GROUP BY email

-- name: having_on_masked
SELECT ssn, count(*) FROM customers GROUP BY ssn HAVING max(email) LIKE '%@%'

-- name: order_by_masked
SELECT id, name FROM customers ORDER BY ssn, id

-- name: order_by_expression
SELECT email FROM customers ORDER BY length(ssn) DESC, email

-- name: cte_simple
WITH x AS (SELECT email, ssn FROM customers) SELECT * FROM x

-- name: cte_chain
WITH a AS (SELECT id, email FROM customers),
     b AS (SELECT a.email, o.amount FROM a JOIN orders o ON o.customer_id = a.id),
     t AS (SELECT email, sum(amount) AS total FROM b GROUP BY email)
SELECT * FROM t

-- name: recursive_cte
WITH RECURSIVE r(n, e) AS (
  SELECT 1, email FROM customers WHERE id = 1
  UNION ALL
  SELECT n + 1, e FROM r WHERE n < 3
)
SELECT * FROM r

-- name: join_on_masked
SELECT o.id, c.name FROM orders o JOIN customers c ON c.email = o.contact_email

-- name: left_join
SELECT c.email, o.amount FROM customers c LEFT JOIN orders o ON o.customer_id = c.id

-- name: self_join
SELECT a.email, b.phone FROM customers a JOIN customers b ON a.city = b.city

-- name: join_using
SELECT email, amount FROM customers c JOIN (SELECT customer_id AS id, amount FROM orders) o USING (id)

-- name: derived_table_join
SELECT s.e FROM (SELECT email AS e, ssn FROM customers) s JOIN orders o ON o.customer_id IS NOT NULL

-- name: nested_derived_tables
SELECT * FROM (SELECT * FROM (SELECT name, ssn FROM customers) a) b

-- name: values_join
SELECT v.k, c.ssn FROM (VALUES (1), (2)) AS v(k) JOIN customers c ON c.id = v.k

-- name: comments_around_names
SELECT /* customers */ email -- ssn
FROM /* "VIP" */ customers

-- name: multi_line_layout
SELECT
	name,
	email
FROM
	customers
WHERE
	id > 0

-- name: where_like_on_masked
SELECT id, name FROM customers WHERE ssn LIKE '123%'

-- name: where_equal_on_masked
SELECT name FROM customers WHERE email = 'alice.quimby@example.org'

-- name: in_list_on_masked
SELECT name FROM customers WHERE ssn IN ('123-45-6789', '987-65-4321')

-- name: min_max
SELECT min(ssn), max(birth_date), min(phone) FROM customers

-- name: counts
-- expect: no-raw
SELECT count(*), count(DISTINCT email) FROM customers

-- name: dates
SELECT birth_date, EXTRACT(YEAR FROM birth_date) FROM customers

-- name: between_dates
SELECT name, birth_date FROM customers WHERE birth_date BETWEEN DATE '1970-01-01' AND DATE '1999-12-31'

-- name: limit_offset
SELECT email FROM customers ORDER BY id LIMIT 2 OFFSET 1

-- name: fetch_first
SELECT ssn FROM customers ORDER BY id FETCH FIRST 2 ROWS ONLY

-- name: filter_clause
-- dialects: postgresql
SELECT count(*) FILTER (WHERE ssn LIKE '1%'), max(email) FILTER (WHERE id > 0) FROM customers

-- name: ilike
-- dialects: postgresql
SELECT email FROM customers WHERE name ILIKE '%a%'

-- name: regexp_replace
-- dialects: postgresql
SELECT email, regexp_replace(ssn, '[0-9]', 'x', 'g') FROM customers

-- name: format
-- dialects: postgresql
SELECT format('%s/%s', name, ssn) FROM customers

-- name: array_to_string
-- dialects: postgresql
SELECT array_to_string(ARRAY[name, email, phone], '|') FROM customers

-- name: unnest_columns
-- dialects: postgresql
SELECT u FROM customers c, unnest(ARRAY[c.email, c.ssn]) AS u

-- name: generate_series_join
-- dialects: postgresql
SELECT g, c.email FROM generate_series(1, 2) g JOIN customers c ON c.id = g

-- name: padding
SELECT lpad(ssn, 20, '*'), rpad(email, 40, '.') FROM customers

-- name: trim
SELECT trim(both ' ' from name), ltrim(phone) FROM customers

-- name: nullif
SELECT nullif(email, 'x') FROM customers

-- name: greatest
SELECT greatest(email, name) FROM customers

-- name: exists_from_upper_case_table
SELECT v."SSN" FROM "VIP" v WHERE EXISTS (SELECT 1 FROM customers c WHERE c.id = v."ID")

-- name: union_in_derived_table
SELECT x FROM (SELECT email AS x FROM customers UNION ALL SELECT "Email Address" FROM "Contacts") u ORDER BY x

-- name: cte_union_join
WITH people AS (SELECT name AS n, email AS e FROM customers UNION SELECT "Full Name", "Email Address" FROM "Contacts")
SELECT p.n, p.e FROM people p JOIN orders o ON o.contact_email = p.e

-- name: orders_contact_email
SELECT o.contact_email, o.amount FROM orders o WHERE o.amount > 0

-- name: correlated_in_select_and_where
SELECT c.name, (SELECT count(*) FROM orders o WHERE o.contact_email = c.email) AS n
FROM customers c WHERE c.phone IS NOT NULL

-- name: case_in_order_by
SELECT name FROM customers ORDER BY CASE WHEN ssn < '5' THEN 0 ELSE 1 END, id

-- name: group_by_rollup_like
SELECT city, tier, max(email) FROM customers GROUP BY city, tier

-- name: scalar_subquery_in_where
-- expect: no-raw
SELECT id FROM orders WHERE contact_email = (SELECT email FROM customers WHERE id = 1)

-- name: subquery_in_case
SELECT CASE WHEN id = 1 THEN (SELECT max("SSN") FROM "VIP") ELSE name END FROM customers

-- name: pg_cast_chain
-- dialects: postgresql
SELECT (ssn::varchar(20))::text, (phone::text)::varchar FROM customers

-- name: pg_cast_text_concat
-- dialects: postgresql
SELECT birth_date::text || '/' || email::text FROM customers

-- name: pg_to_char_and_char_cast
-- dialects: postgresql
SELECT to_char(birth_date, 'YYYY-MM-DD'), ssn::char(11) FROM customers

-- name: cast_concat_numbers
SELECT CAST(phone AS varchar(100)) || CAST(id AS varchar(5)) FROM customers

-- name: concat_ws
SELECT concat_ws(' | ', name, email, phone, ssn) FROM customers

-- name: concat_with_other_types
SELECT id || ':' || ssn || ':' || birth_date FROM customers

-- name: string_agg_quoted_concat
-- dialects: postgresql
SELECT string_agg("Full Name" || '=' || "Email Address", ';') FROM "Contacts"

-- name: array_agg_ordered
-- dialects: postgresql
SELECT city, array_agg(phone ORDER BY phone) FROM customers GROUP BY city

-- name: array_agg_upper_case_table
SELECT array_agg("SSN") FROM "VIP"

-- name: json_build_array
-- dialects: postgresql
SELECT json_build_array(name, ssn, birth_date) FROM customers

-- name: jsonb_object_agg
-- dialects: postgresql
SELECT jsonb_object_agg(id, email) FROM customers

-- name: row_to_json_derived
-- dialects: postgresql
SELECT row_to_json(t) FROM (SELECT name, phone FROM customers) t

-- name: jsonb_nested_path
-- dialects: postgresql
SELECT jsonb_build_object('c', to_jsonb(c)) #>> '{c,email}' FROM customers c

-- name: json_object
-- dialects: h2
SELECT JSON_OBJECT(KEY 'n' VALUE name, KEY 'e' VALUE email, KEY 's' VALUE ssn) FROM customers

-- name: json_arrayagg
-- dialects: h2
SELECT JSON_ARRAYAGG(phone) FROM customers

-- name: window_nth_value
SELECT id, nth_value(email, 2) OVER (ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) FROM customers

-- name: window_ranks_over_masked
SELECT name, rank() OVER (ORDER BY ssn DESC), dense_rank() OVER (PARTITION BY city ORDER BY email) FROM customers

-- name: window_named
SELECT id, last_value(phone) OVER w FROM customers
WINDOW w AS (ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)

-- name: window_array_agg_running
-- dialects: postgresql
SELECT id, array_agg(ssn) OVER (ORDER BY id) FROM customers

-- name: lateral_upper_case_table
-- dialects: postgresql
SELECT v."ID", x.s FROM "VIP" v CROSS JOIN LATERAL (SELECT v."SSN" || '!' AS s) x

-- name: left_join_lateral_limit
-- dialects: postgresql
SELECT c.id, l.e FROM customers c
LEFT JOIN LATERAL (SELECT o.contact_email AS e FROM orders o WHERE o.customer_id = c.id ORDER BY o.id LIMIT 1) l ON true

-- name: quoted_lower_case_names
SELECT "email", "ssn" FROM "customers"

-- name: upper_case_unquoted_names
SELECT EMAIL, SSN, C.PHONE FROM CUSTOMERS C

-- name: quoted_alias_of_quoted_table
SELECT "C"."Email Address", "C"."Full Name" FROM "Contacts" AS "C"

-- name: union_three_tables
SELECT name FROM customers UNION SELECT "Full Name" FROM "Contacts" UNION SELECT contact_email FROM orders

-- name: except_all
-- dialects: postgresql
SELECT ssn FROM customers EXCEPT ALL SELECT "SSN" FROM "VIP"

-- name: union_of_aggregates
SELECT max(email) FROM customers UNION ALL SELECT min("Email Address") FROM "Contacts"

-- name: scalar_subquery_from_quoted_table
SELECT c.id, (SELECT max(ct."Email Address") FROM "Contacts" ct) FROM customers c

-- name: in_subquery_in_select_list
SELECT id, email IN (SELECT contact_email FROM orders) AS has_order, email FROM customers

-- name: any_subquery
-- dialects: postgresql
SELECT name, phone FROM customers WHERE ssn = ANY (SELECT "SSN" FROM "VIP") OR email IS NOT NULL

-- name: distinct_concat
SELECT DISTINCT city || ':' || email FROM customers

-- name: distinct_in_aggregate
-- dialects: postgresql
SELECT string_agg(DISTINCT ssn, ',') FROM customers

-- name: group_by_expression
SELECT lower(email), count(*) FROM customers GROUP BY lower(email)

-- name: group_by_ordinal
-- dialects: postgresql
SELECT ssn, count(*) FROM customers GROUP BY 1

-- name: group_by_with_max_of_masked
SELECT city, count(DISTINCT ssn), max(phone) FROM customers GROUP BY city

-- name: order_by_masked_desc_nulls_last
SELECT name, email FROM customers ORDER BY email DESC NULLS LAST, phone

-- name: order_by_alias_of_masked
SELECT ssn AS s, name FROM customers ORDER BY s

-- name: cte_chain_with_window
WITH ranked AS (SELECT email, ssn, row_number() OVER (ORDER BY ssn) AS rn FROM customers),
     top AS (SELECT email, ssn FROM ranked WHERE rn <= 2)
SELECT email, ssn FROM top

-- name: cte_chain_across_quoted_tables
WITH v AS (SELECT "SSN" AS s FROM "VIP"),
     c AS (SELECT ssn AS s FROM customers),
     u AS (SELECT s FROM v UNION ALL SELECT s FROM c)
SELECT s FROM u ORDER BY s

-- name: functions_reverse_initcap
-- dialects: postgresql
SELECT reverse(reverse(email)), initcap(name), md5(ssn) FROM customers

-- name: left_right
SELECT left(ssn, 11), right(email, 30) FROM customers

-- name: split_part_reassembled
-- dialects: postgresql
SELECT split_part(email, '@', 1) || '@' || split_part(email, '@', 2) FROM customers

-- name: translate
SELECT translate(phone, '-', '.'), translate(ssn, '-', ' ') FROM customers

-- name: case_on_masked_predicate
SELECT CASE WHEN email LIKE '%@example.org' THEN name ELSE phone END FROM customers
