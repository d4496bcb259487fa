package io.custodian.scanner.detect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The words column names use for each type of personal data, in English, Spanish, French, German,
 * Portuguese, Italian and Dutch, and the words that say a column is about such data without holding
 * it ({@code email_verified}, {@code phone_type}, {@code n_emails}). Matching works on
 * {@link NameTokens}: a phrase matches a run of whole words, a long word also matches inside a
 * compound ({@code kundenemail}), and overlapping matches go to the longest phrase, so
 * {@code email_address} is an email and not a street address.
 */
public final class NameVocabulary {
    /** Where a phrase counts. */
    public enum Scope {
        /** Anywhere in the column name, or in its description. */
        ANYWHERE,
        /** Only as the whole column name ({@code cp}, {@code cap} are too short to trust inside others). */
        WHOLE_NAME,
        /** Only as the whole column name of a table about people ({@code customers.name}, {@code users.id}). */
        PERSON_TABLE
    }

    /**
     * A phrase found in a name.
     *
     * @param type the type the phrase names
     * @param start the first matched token
     * @param end one past the last matched token
     * @param matchedChars how many characters the phrase covers, to settle overlaps
     * @param scope how the phrase was allowed to match
     * @param phrase the phrase, words joined by {@code _}
     */
    public record NameMatch(String type, int start, int end, int matchedChars, Scope scope, String phrase) {}

    /** Words after a match that say the column describes the data rather than holding it. */
    private static final Set<String> NEGATIVE_AFTER = Set.copyOf(List.of(
            "verified", "verification", "validated", "valid", "validity", "confirmed", "confirmation", "opt",
            "optin", "optout", "in", "out", "type", "types", "code", "codes", "count", "counts", "cnt", "flag",
            "flags", "status", "state", "enabled", "disabled", "allowed", "consent", "consents", "format", "hash",
            "hashed", "md5", "sha1", "sha256", "digest", "domain", "provider", "length", "len", "kind", "category",
            "pref", "prefs", "preference", "preferences", "source", "bounce", "bounced", "sent", "template",
            "subject", "body", "text", "content", "message", "campaign", "frequency", "changed", "updated",
            "created", "modified", "at", "on", "ts", "time", "timestamp", "date", "version", "id", "ids", "label",
            "level", "score", "rank", "index", "idx", "pattern", "regex", "mask", "policy", "visibility",
            "visible", "exists", "present", "missing", "required", "attempts", "retries", "errors", "is", "has",
            "year", "month", "day", "age", "tipo", "estado", "verificado", "statut", "verifie", "typ", "art",
            "anzahl", "geprueft", "verificato", "geverifieerd", "soort", "aantal", "qtd", "quantidade", "numero_de"));
    /** Words before a match that say the column counts or tests the data. */
    private static final Set<String> NEGATIVE_BEFORE = Set.copyOf(List.of(
            "is", "has", "n", "nb", "count", "total", "cnt", "avg", "min", "max", "sum", "num_of", "number",
            "distinct", "unique", "valid", "invalid", "es", "tiene", "est", "ist", "hat", "anzahl", "aantal"));

    /**
     * Words naming things that share shapes with personal data: a version looks like an IPv4 address,
     * an ISBN-10 passes the NHS check, an order number can look like a phone number. When the column
     * is named for one of them, values alone do not make it personal data.
     */
    private static final Set<String> OTHER_CONCEPTS = Set.copyOf(List.of(
            "version", "ver", "release", "build", "firmware", "revision", "rev", "sku", "isbn", "isbn10",
            "isbn13", "ean", "upc", "gtin", "asin", "hash", "checksum", "digest", "sha", "sha1", "sha256", "md5",
            "order", "orders", "invoice", "request", "trace", "span", "transaction", "txn", "timestamp", "ts",
            "created", "updated", "year", "product", "item", "article", "part", "batch", "lot", "ticket",
            "tracking", "shipment", "parcel", "barcode", "serial", "model", "pedido", "factura", "commande",
            "bestellung", "rechnung", "ordine", "fattura", "bestelling", "factuur", "encomenda", "fatura"));

    private static final Set<String> PERSON_NOUNS = Set.copyOf(List.of(
            "customer", "customers", "client", "clients", "user", "users", "member", "members", "employee",
            "employees", "staff", "person", "persons", "people", "patient", "patients", "contact", "contacts",
            "subscriber", "subscribers", "student", "students", "applicant", "applicants", "candidate",
            "candidates", "passenger", "passengers", "guest", "guests", "driver", "drivers", "account_holder",
            "profile", "profiles", "author", "authors", "buyer", "buyers", "beneficiary", "beneficiaries",
            "cliente", "clientes", "usuario", "usuarios", "empleado", "empleados", "paciente", "pacientes",
            "persona", "personas", "socio", "socios", "alumno", "alumnos", "estudiante", "estudiantes",
            "etudiant", "etudiants", "studenten", "schueler", "studente", "studenti", "aluno", "alunos",
            "leerling", "leerlingen", "estudante", "estudantes",
            "utilisateur", "utilisateurs", "employe", "employes", "personne", "personnes", "adherent", "adherents",
            "kunde", "kunden", "benutzer", "nutzer", "mitarbeiter", "patienten", "personen", "mitglied", "mitglieder",
            "utente", "utenti", "dipendente", "dipendenti", "persone", "pazienti", "paziente",
            "funcionario", "funcionarios", "colaborador", "colaboradores", "pessoa", "pessoas",
            "klant", "klanten", "gebruiker", "gebruikers", "medewerker", "medewerkers", "persoon", "personen",
            "patienten", "leden", "lid"));

    /**
     * People in a role, for the forms schemas build from them: {@code <role>_name} holds a person's
     * name, {@code <role>_no}, {@code _ref}, {@code _id}... a key to a person ({@code emp_no},
     * {@code driver_ref}). Not {@code user} or {@code account} ({@code user_name} is a username).
     */
    private static final Set<String> ROLES = Set.copyOf(List.of(
            "driver", "passenger", "guest", "student", "manager", "agent", "buyer", "seller", "tenant", "landlord",
            "owner", "customer", "client", "employee", "emp", "patient", "member", "contact", "rider", "courier",
            "doctor", "physician", "nurse", "teacher", "supervisor", "approver", "requester", "requestor",
            "cashier", "applicant", "candidate", "beneficiary", "recipient", "sender", "reviewer", "signatory",
            "guarantor", "insured", "policyholder", "debtor", "creditor", "traveller", "traveler", "visitor",
            "volunteer", "subscriber", "holder", "cardholder", "consignee", "shipper", "spouse", "parent",
            "guardian", "child", "witness", "broker", "salesperson", "rep", "staff", "worker", "pilot",
            "conductor", "pasajero", "huesped", "estudiante", "chofer", "vendedor", "comprador", "inquilino",
            "cliente", "empleado", "paciente", "medico", "chauffeur", "passager", "locataire", "vendeur",
            "acheteur", "employe", "fahrer", "kunde", "mitarbeiter", "mieter", "kaeufer", "verkaeufer", "arzt",
            "autista", "passeggero", "dipendente", "motorista", "passageiro", "funcionario", "bestuurder",
            "huurder", "koper", "verkoper", "klant", "medewerker"));
    private static final Set<String> NAME_WORDS = Set.of("name", "nombre", "nom", "nome", "naam", "fullname");
    /** Words after a role that make the column a key to the person. */
    private static final Set<String> KEY_WORDS = Set.of("no", "nr", "num", "number", "ref", "reference", "id",
            "key", "uuid", "numero", "nummer", "code");
    /** Words that abbreviate a postal code when they end a longer name ({@code billing_zip}, {@code home_plz}). */
    private static final Set<String> POSTAL_ENDINGS = Set.of("zip", "zipcode", "postcode", "plz", "cep");
    /** Words that may precede a role word and the name word, yet make it not a person ({@code file_owner_name} is fine). */
    private static final Set<String> NOT_ROLE_CONTEXT = Set.of("product", "file", "host", "server", "domain",
            "table", "column", "field", "company", "business", "brand", "store", "shop", "app", "device");

    private final List<Entry> entries = new ArrayList<>();
    private final Map<String, List<Entry>> byFirstToken = new HashMap<>();
    private final List<Entry> compoundable = new ArrayList<>();

    private record Entry(String type, List<String> tokens, Scope scope, int chars) {
        public Entry {
            tokens = List.copyOf(tokens);
        }
    }

    private NameVocabulary() {}

    /** The vocabulary Custodian ships. */
    public static NameVocabulary standard() {
        NameVocabulary v = new NameVocabulary();
        v.add("EMAIL_ADDRESS", Scope.ANYWHERE, """
                email e_mail mail email_address emailaddress email_addr mail_address e_mail_address emails
                correo correo_electronico email_adresse emailadresse e_mail_adresse mailadresse courriel
                adresse_mail adresse_email adresse_electronique mel endereco_email endereco_de_email
                endereco_eletronico indirizzo_email posta_elettronica emailadres e_mailadres mailadres""");
        v.add("PHONE_NUMBER", Scope.ANYWHERE, """
                phone phone_number phonenumber phone_no phone_nr telephone telephone_number tel tel_no tel_nr
                mobile mobile_number mobile_phone mobile_no cell cellphone cell_phone cell_number msisdn fax
                contact_number telefono numero_telefono numero_de_telefono num_telefono tlf movil celular
                telefone numero_telefone numero_de_telefone telemovel telefon telefonnummer handy handynummer
                mobilnummer rufnummer mobiltelefon portable numero_portable numero_de_telephone numero_telephone
                cellulare numero_cellulare numero_di_telefono telefonino telefoonnummer mobiel mobiel_nummer
                mobielnummer gsm whatsapp""");
        v.add("PERSON_NAME", Scope.ANYWHERE, """
                first_name firstname given_name forename last_name lastname surname family_name full_name
                fullname middle_name maiden_name contact_name customer_name person_name patient_name
                employee_name holder_name cardholder_name card_holder account_holder account_holder_name
                beneficiary_name recipient_name sender_name billing_name shipping_name owner_name client_name
                member_name user_full_name legal_name preferred_name nombre_completo nombres apellido apellidos
                primer_apellido segundo_apellido nombre_cliente nombre_y_apellidos prenom nom_de_famille
                nom_complet nom_prenom nom_client vorname nachname familienname vollstandiger_name
                kundenname sobrenome nome_completo primeiro_nome ultimo_nome apelido nome_cliente cognome
                nome_e_cognome voornaam achternaam volledige_naam tussenvoegsel klantnaam""");
        // People in a role: the column usually holds their name (or, failing the values, their key).
        v.add("PERSON_NAME", Scope.ANYWHERE, """
                author autor auteur verfasser autore auteur_naam assignee reporter recipient sender
                contact_person ansprechpartner persona_contacto personne_contact persona_di_contatto
                contactpersoon beneficiary beneficiario beneficiaire begunstigde empfaenger absender
                destinatario remitente destinataire expediteur mittente titular titulaire inhaber
                intestatario rekeninghouder""");
        v.add("PERSON_NAME", Scope.PERSON_TABLE, "name nombre nom nome naam display_name")
        ;
        v.add("STREET_ADDRESS", Scope.ANYWHERE, """
                address street_address street address_line addr address1 home_address billing_address
                shipping_address mailing_address postal_address residential_address delivery_address
                street_name direccion domicilio direccion_postal calle adresse adresse_postale rue strasse
                anschrift wohnadresse lieferadresse rechnungsadresse strassenname endereco morada logradouro
                indirizzo adres straatnaam huisadres woonadres afleveradres""");
        v.add("POSTAL_CODE", Scope.ANYWHERE, """
                postal_code postcode post_code zipcode zip_code postalcode codigo_postal code_postal
                postleitzahl codice_postale postnummer""");
        v.add("POSTAL_CODE", Scope.WHOLE_NAME, "zip cp plz cep cap pc zip4 zip_4");
        v.add("DATE_OF_BIRTH", Scope.ANYWHERE, """
                date_of_birth birth_date birthdate dob birthday born_on date_naissance date_de_naissance
                naissance fecha_nacimiento fecha_de_nacimiento nacimiento f_nacimiento geburtsdatum geburtstag
                geb_datum data_nascimento data_de_nascimento nascimento data_nascita data_di_nascita
                geboortedatum geboorte_datum born born_on nacido_el nacida_el fecha_nac ne_le nee_le
                geboren_am geboren_op nato_il nata_il nascido_em nascida_em""");
        v.add("GENDER", Scope.ANYWHERE, """
                gender sex genero sexo genre sexe geschlecht sesso genere geslacht gender_identity""");
        v.add("US_SSN", Scope.ANYWHERE, """
                ssn social_security_number social_security social_security_no ss_number us_ssn ssn_number""");
        v.add("UK_NINO", Scope.ANYWHERE, """
                nino ni_number national_insurance_number national_insurance national_insurance_no ni_no""");
        v.add("UK_NHS_NUMBER", Scope.ANYWHERE, "nhs_number nhs_no nhs_num nhs nhs_id nhsnumber");
        v.add("IN_AADHAAR", Scope.ANYWHERE, "aadhaar aadhar aadhaar_number aadhaar_no aadhar_number uidai");
        v.add("ES_NIF", Scope.ANYWHERE, """
                nif dni nie nif_nie dni_nie documento_identidad numero_documento num_documento
                documento_nacional_de_identidad""");
        v.add("PASSPORT_NUMBER", Scope.ANYWHERE, """
                passport passport_number passport_no passport_nr pasaporte numero_pasaporte num_pasaporte
                passeport numero_passeport numero_de_passeport reisepass reisepassnummer passnummer passaporte
                numero_passaporte numero_do_passaporte passaporto numero_passaporto paspoort paspoortnummer""");
        v.add("DRIVER_LICENSE", Scope.ANYWHERE, """
                driver_license drivers_license driving_licence driving_license driver_licence drivers_licence
                dl_number driver_license_number licencia_conducir licencia_de_conducir carnet_conducir
                carnet_de_conducir permiso_conducir permis_conduire permis_de_conduire numero_permis
                fuhrerschein fuehrerschein fuhrerscheinnummer fuehrerscheinnummer carta_conducao
                carta_de_conducao carteira_motorista cnh patente_guida patente_di_guida rijbewijs
                rijbewijsnummer""");
        v.add("CREDIT_CARD", Scope.ANYWHERE, """
                credit_card card_number cc_number ccnum cc_num card_no card_num creditcard debit_card
                credit_card_number pan primary_account_number tarjeta numero_tarjeta tarjeta_credito
                tarjeta_de_credito carte_bancaire numero_carte numero_de_carte carte_credit carte_de_credit
                kreditkarte kartennummer kreditkartennummer cartao cartao_credito cartao_de_credito
                numero_cartao carta_credito carta_di_credito numero_carta creditcard_nummer kaartnummer""");
        v.add("IBAN", Scope.ANYWHERE, "iban iban_number iban_code iban_nummer numero_iban codigo_iban");
        v.add("SWIFT_BIC", Scope.ANYWHERE, """
                swift bic swift_code bic_code swift_bic bic_swift bank_identifier_code codigo_swift code_bic
                code_swift codice_swift""");
        v.add("BANK_ACCOUNT", Scope.ANYWHERE, """
                bank_account account_number account_no acct_number acct_no acct_num bank_account_number
                numero_cuenta cuenta_bancaria num_cuenta cuenta_corriente numero_compte compte_bancaire
                numero_de_compte rib kontonummer bankkonto konto_nummer numero_conta conta_bancaria
                numero_da_conta conto_corrente numero_conto rekeningnummer bankrekening rekening_nummer""");
        v.add("CRYPTO_WALLET", Scope.ANYWHERE, """
                wallet wallet_address btc_address bitcoin_address eth_address ethereum_address crypto_address
                crypto_wallet deposit_address payout_address cartera_cripto billetera portefeuille
                wallet_adresse carteira_cripto portafoglio""");
        v.add("IP_ADDRESS", Scope.ANYWHERE, """
                ip ip_address ip_addr ipaddress ipaddr ipv4 ipv6 client_ip remote_ip remote_addr source_ip
                src_ip dst_ip dest_ip user_ip last_ip login_ip x_forwarded_for direccion_ip adresse_ip
                ip_adresse endereco_ip indirizzo_ip ip_adres""");
        v.add("MAC_ADDRESS", Scope.ANYWHERE, """
                mac mac_address mac_addr macaddress macaddr hw_address hardware_address bssid direccion_mac
                adresse_mac mac_adresse endereco_mac indirizzo_mac""");
        v.add("DEVICE_ID", Scope.ANYWHERE, """
                device_id deviceid device_uuid idfa idfv gaid aaid advertising_id ad_id android_id imei udid
                device_token push_token installation_id hardware_id id_dispositivo dispositivo_id
                identifiant_appareil appareil_id gerate_id geraete_id geraetekennung apparaat_id""");
        v.add("GEO_COORDINATE", Scope.ANYWHERE, """
                latitude longitude lat lon lng lat_lng latlng lat_lon latlon lat_long coordinates coords
                geolocation geo_location location_point gps gps_position geo_point geopoint latitud longitud
                coordenadas breitengrad langengrad laengengrad koordinaten coordonnees latitudine longitudine
                coordinate coordenada breedtegraad lengtegraad""");
        v.add("GEO_COORDINATE", Scope.WHOLE_NAME, "geo location position");
        v.add("VIN", Scope.ANYWHERE, """
                vin vin_number vehicle_identification_number vehicle_id_number chassis_number numero_bastidor
                bastidor fahrgestellnummer numero_chassis chassi numero_chassi telaio numero_telaio
                chassisnummer""");
        v.add("USERNAME", Scope.ANYWHERE, """
                username user_name login login_name screen_name user_handle twitter_handle social_handle
                nickname user_login account_name
                nombre_usuario nombre_de_usuario alias_usuario pseudo nom_utilisateur nom_d_utilisateur
                identifiant_connexion benutzername anmeldename nutzername nome_usuario nome_de_usuario
                nome_utente gebruikersnaam inlognaam""");
        v.add("USERNAME", Scope.PERSON_TABLE, "login alias nick handle");
        v.add("PERSON_ID", Scope.ANYWHERE, """
                customer_id customerid cust_id user_id userid client_id clientid member_id patient_id
                employee_id emp_id person_id subscriber_id student_id account_holder_id contact_id
                customer_number customer_no customer_key customer_ref user_uuid user_key buyer_id
                passenger_id guest_id applicant_id candidate_id id_cliente cliente_id codigo_cliente
                numero_cliente id_usuario usuario_id id_empleado empleado_id id_paciente paciente_id id_client
                numero_client id_utilisateur utilisateur_id id_employe kunden_id kundennummer kundennr
                kunde_id benutzer_id nutzer_id mitarbeiter_id personalnummer patienten_id id_utente utente_id
                codice_cliente id_dipendente id_pessoa pessoa_id id_funcionario klant_id klantnummer
                klant_nummer gebruiker_id medewerker_id personeelsnummer""");
        v.add("PERSON_ID", Scope.PERSON_TABLE, "id uuid guid pk key number external_id");
        return v;
    }

    private void add(String type, Scope scope, String phrases) {
        for (String phrase : phrases.trim().split("\\s+")) {
            List<String> tokens = List.of(phrase.split("_"));
            Entry entry = new Entry(type, tokens, scope, phrase.replace("_", "").length());
            entries.add(entry);
            byFirstToken.computeIfAbsent(tokens.get(0), t -> new ArrayList<>()).add(entry);
            if (scope == Scope.ANYWHERE && tokens.size() == 1 && phrase.length() >= 5) {
                compoundable.add(entry);
            }
        }
    }

    /** Whether a table's name says its rows are people ({@code customers}, {@code dim_user}, {@code kunden}). */
    public boolean isPersonTable(List<String> tableTokens) {
        for (int i = 0; i < tableTokens.size(); i++) {
            if (PERSON_NOUNS.contains(tableTokens.get(i))) {
                return true;
            }
            if (i + 1 < tableTokens.size() && PERSON_NOUNS.contains(tableTokens.get(i) + "_" + tableTokens.get(i + 1))) {
                return true;
            }
        }
        return false;
    }

    /** The phrases a column name matches, overlaps settled in favour of the longest. */
    public List<NameMatch> matchName(List<String> tokens, boolean personTable) {
        List<NameMatch> found = new ArrayList<>();
        for (Entry entry : entries) {
            if (entry.scope() != Scope.ANYWHERE && entry.tokens().equals(tokens)
                    && (entry.scope() == Scope.WHOLE_NAME || personTable)) {
                found.add(new NameMatch(entry.type(), 0, tokens.size(), entry.chars(), entry.scope(), String.join("_", entry.tokens())));
            }
        }
        found.addAll(matchAnywhere(tokens));
        found.addAll(matchRoles(tokens));
        return settle(found);
    }

    /** {@code <role>_name}, {@code <role>_no} (and _ref, _id...), and {@code <anything>_zip}, in column names only. */
    private static List<NameMatch> matchRoles(List<String> tokens) {
        List<NameMatch> found = new ArrayList<>();
        for (int i = 0; i + 1 < tokens.size(); i++) {
            String role = tokens.get(i);
            if (!ROLES.contains(role) || (i > 0 && NOT_ROLE_CONTEXT.contains(tokens.get(i - 1)))) {
                continue;
            }
            String next = tokens.get(i + 1);
            int chars = role.length() + next.length();
            if (NAME_WORDS.contains(next)) {
                found.add(new NameMatch("PERSON_NAME", i, i + 2, chars, Scope.ANYWHERE, role + "_" + next));
            } else if (KEY_WORDS.contains(next)) {
                found.add(new NameMatch("PERSON_ID", i, i + 2, chars, Scope.ANYWHERE, role + "_" + next));
            }
        }
        // Romance languages and Dutch put the name first: nombre_conductor, nom_chauffeur, naam_bestuurder.
        for (int i = 0; i + 1 < tokens.size(); i++) {
            if (NAME_WORDS.contains(tokens.get(i)) && ROLES.contains(tokens.get(i + 1))) {
                found.add(new NameMatch("PERSON_NAME", i, i + 2, tokens.get(i).length() + tokens.get(i + 1).length(),
                        Scope.ANYWHERE, tokens.get(i) + "_" + tokens.get(i + 1)));
            }
        }
        int last = tokens.size() - 1;
        if (last >= 1 && POSTAL_ENDINGS.contains(tokens.get(last))) {
            found.add(new NameMatch("POSTAL_CODE", last, last + 1, tokens.get(last).length(), Scope.ANYWHERE,
                    tokens.get(last)));
        }
        return found;
    }

    /** The first word of the name that names a non-personal concept sharing shapes with personal data, if any. */
    public Optional<String> otherConcept(List<String> tokens) {
        return tokens.stream().filter(OTHER_CONCEPTS::contains).findFirst();
    }

    /** The phrases a description matches (only phrases valid anywhere). */
    public List<NameMatch> matchProse(List<String> tokens) {
        return settle(matchAnywhere(tokens));
    }

    /**
     * The word that makes a match describe rather than hold the data, if any: a word such as
     * {@code verified} or {@code type} after the match, or {@code is} or {@code n} before it.
     */
    public Optional<String> negative(List<String> tokens, NameMatch match) {
        for (int i = match.end(); i < tokens.size(); i++) {
            String token = tokens.get(i);
            if (NEGATIVE_AFTER.contains(token)) {
                return Optional.of(token);
            }
            if (i + 1 < tokens.size() && NEGATIVE_AFTER.contains(token + "_" + tokens.get(i + 1))) {
                return Optional.of(token + "_" + tokens.get(i + 1));
            }
        }
        if (match.start() > 0 && NEGATIVE_BEFORE.contains(tokens.get(0))) {
            return Optional.of(tokens.get(0));
        }
        return Optional.empty();
    }

    private List<NameMatch> matchAnywhere(List<String> tokens) {
        List<NameMatch> found = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            String token = tokens.get(i);
            for (String key : new String[] {token, singular(token)}) {
                List<Entry> candidates = key == null ? null : byFirstToken.get(key);
                if (candidates == null) {
                    continue;
                }
                for (Entry entry : candidates) {
                    if (entry.scope() == Scope.ANYWHERE && matchesAt(tokens, i, entry.tokens())) {
                        found.add(new NameMatch(entry.type(), i, i + entry.tokens().size(), entry.chars(),
                                entry.scope(), String.join("_", entry.tokens())));
                    }
                }
            }
            // Compounds, as German and Dutch write them: kundenemail, emailadresse, privattelefon.
            for (Entry entry : compoundable) {
                String word = entry.tokens().get(0);
                if (token.length() >= word.length() + 3 && (token.startsWith(word) || token.endsWith(word))) {
                    found.add(new NameMatch(entry.type(), i, i + 1, word.length(), entry.scope(), word));
                }
            }
        }
        return found;
    }

    private static boolean matchesAt(List<String> tokens, int at, List<String> phrase) {
        if (at + phrase.size() > tokens.size()) {
            return false;
        }
        for (int k = 0; k < phrase.size(); k++) {
            String token = tokens.get(at + k);
            if (!token.equals(phrase.get(k)) && !phrase.get(k).equals(singular(token))) {
                return false;
            }
        }
        return true;
    }

    private static String singular(String token) {
        if (token.length() > 4 && token.endsWith("es") && token.endsWith("sses")) {
            return token.substring(0, token.length() - 2); // addresses -> address
        }
        if (token.length() > 3 && token.endsWith("s") && !token.endsWith("ss")) {
            return token.substring(0, token.length() - 1);
        }
        return null;
    }

    /** Keeps, of overlapping matches, the one covering most characters (several types may share a tie). */
    private static List<NameMatch> settle(List<NameMatch> found) {
        found.sort(Comparator.comparingInt(NameMatch::matchedChars).reversed());
        List<NameMatch> kept = new ArrayList<>();
        for (NameMatch match : found) {
            boolean overlaps = false;
            for (NameMatch other : kept) {
                if (match.start() < other.end() && other.start() < match.end()
                        && !(other.matchedChars() == match.matchedChars() && !other.type().equals(match.type()))) {
                    overlaps = true;
                    break;
                }
            }
            if (!overlaps && kept.stream().noneMatch(k -> k.type().equals(match.type()))) {
                kept.add(match);
            }
        }
        return kept;
    }
}
