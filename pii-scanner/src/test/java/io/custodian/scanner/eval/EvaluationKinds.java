package io.custodian.scanner.eval;

import static io.custodian.scanner.eval.ColumnKind.TableKind.ANY;
import static io.custodian.scanner.eval.ColumnKind.TableKind.PEOPLE;
import static io.custodian.scanner.eval.ColumnKind.TableKind.THINGS;

import io.custodian.scanner.eval.ColumnKind.TableKind;
import io.custodian.scanner.eval.ColumnKind.ValueMaker;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The kinds of column the evaluation set is made of: personal data named as real schemas name it
 * (in English, Spanish, French, German, Portuguese, Italian and Dutch), personal data under opaque
 * names, free text with and without personal data, and hard negatives that share shapes or names
 * with personal data.
 */
final class EvaluationKinds {
    private EvaluationKinds() {}

    static List<ColumnKind> all() {
        List<ColumnKind> kinds = new ArrayList<>();
        // Personal data under the names schemas give it.
        pii(kinds, "EMAIL_ADDRESS", "email correo_electronico courriel email_address e_mail kontakt_email emailadres"
                + " indirizzo_email customer_email endereco_email contact_email adresse_mail", ANY, "varchar",
                g -> g.faker().internet().emailAddress());
        pii(kinds, "PHONE_NUMBER", "phone telefono telephone telefonnummer telefone cellulare mobile_number"
                + " telefoonnummer phone_number numero_portable movil handynummer", PEOPLE, "varchar",
                g -> g.faker().phoneNumber().phoneNumber());
        pii(kinds, "PHONE_NUMBER", "contact_phone tel mobile_phone numero_telefone cell_phone telefono_movil",
                ANY, "varchar", Generators::internationalPhone);
        pii(kinds, "PERSON_NAME", "first_name nombre_completo prenom nachname sobrenome cognome achternaam full_name"
                + " last_name vorname apellidos voornaam", PEOPLE, "varchar", g -> switch (g.random.nextInt(3)) {
                    case 0 -> g.faker().name().firstName();
                    case 1 -> g.faker().name().lastName();
                    default -> g.faker().name().fullName();
                });
        pii(kinds, "PERSON_NAME", "name nombre nom naam nome name", PEOPLE, "varchar", g -> g.faker().name().fullName());
        pii(kinds, "PERSON_NAME", "customer_name cardholder_name recipient_name account_holder_name nom_client"
                + " kundenname", THINGS, "varchar", g -> g.faker().name().fullName());
        pii(kinds, "STREET_ADDRESS", "street_address direccion adresse anschrift endereco indirizzo adres"
                + " address_line1 billing_address morada shipping_address domicilio", ANY, "varchar",
                g -> g.faker().address().streetAddress());
        pii(kinds, "POSTAL_CODE", "postal_code codigo_postal code_postal plz cep cap postcode zip_code postleitzahl"
                + " codice_postale zip cp", ANY, "varchar", g -> g.faker().address().zipCode());
        pii(kinds, "DATE_OF_BIRTH", "date_of_birth fecha_nacimiento date_naissance geburtsdatum data_nascimento"
                + " data_di_nascita geboortedatum birth_date dob birthday fecha_de_nacimiento date_de_naissance",
                PEOPLE, null, g -> g.birthDate(g.pick(List.of("yyyy-MM-dd", "dd/MM/yyyy", "dd.MM.yyyy", "MM/dd/yyyy"))));
        pii(kinds, "DATE_OF_BIRTH", "birthdate geburtstag nascimento data_nascita", PEOPLE, "date",
                g -> g.birthDate("yyyy-MM-dd"));
        pii(kinds, "GENDER", "gender sexo sexe geschlecht sesso geslacht genero sex", PEOPLE, "varchar",
                g -> g.pick(List.of(List.of("M", "F"), List.of("male", "female", "other"), List.of("Masculino", "Femenino"),
                        List.of("homme", "femme"), List.of("männlich", "weiblich", "divers"), List.of("man", "vrouw"),
                        List.of("F", "M", "X"))).get(g.random.nextInt(2)));
        pii(kinds, "US_SSN", "ssn social_security_number ssn_number social_security employee_ssn tax_ssn", PEOPLE,
                "varchar", g -> g.random.nextInt(4) == 0 ? g.pii.ssn().replace("-", "") : g.pii.ssn());
        pii(kinds, "UK_NINO", "nino national_insurance_number ni_number national_insurance_no ni_no employee_nino",
                PEOPLE, "varchar", g -> {
                    String n = g.pii.nino();
                    return g.random.nextBoolean() ? n : n.substring(0, 2) + " " + n.substring(2, 4) + " "
                            + n.substring(4, 6) + " " + n.substring(6, 8) + " " + n.substring(8);
                });
        pii(kinds, "UK_NHS_NUMBER", "nhs_number nhs_no patient_nhs_number nhs_num nhsnumber nhs_id", PEOPLE, "varchar",
                g -> {
                    String n = g.pii.nhs();
                    return g.random.nextBoolean() ? n : n.substring(0, 3) + " " + n.substring(3, 6) + " " + n.substring(6);
                });
        pii(kinds, "IN_AADHAAR", "aadhaar aadhaar_number aadhar_no aadhar_number uidai aadhaar_no", PEOPLE, "varchar",
                g -> {
                    String n = g.pii.aadhaar();
                    return g.random.nextBoolean() ? n : n.substring(0, 4) + " " + n.substring(4, 8) + " " + n.substring(8);
                });
        pii(kinds, "ES_NIF", "nif dni nif_nie documento_identidad dni_nie numero_documento", PEOPLE, "varchar",
                g -> g.random.nextInt(3) == 0 ? g.pii.nie() : g.pii.nif());
        pii(kinds, "PASSPORT_NUMBER", "passport_number numero_pasaporte numero_passeport reisepassnummer"
                + " numero_passaporte passaporto paspoortnummer passport_no", PEOPLE, "varchar",
                g -> g.english().passport().valid());
        pii(kinds, "DRIVER_LICENSE", "driver_license licencia_conducir permis_de_conduire fuehrerscheinnummer"
                + " carta_conducao patente_guida rijbewijsnummer drivers_license_number", PEOPLE, "varchar",
                g -> g.english().drivingLicense().drivingLicense(g.pick(List.of("CA", "NY", "TX", "FL", "WA", "IL"))));
        pii(kinds, "CREDIT_CARD", "card_number numero_tarjeta numero_carte kreditkartennummer numero_cartao"
                + " numero_carta kaartnummer credit_card cc_number pan", THINGS, "varchar",
                g -> g.random.nextBoolean() ? g.english().finance().creditCard() : g.pii.anyCard());
        pii(kinds, "IBAN", "iban iban_number cuenta_iban numero_iban iban_code iban_nummer", ANY, "varchar",
                g -> g.random.nextBoolean() ? g.english().finance().iban() : g.pii.anyIban());
        pii(kinds, "SWIFT_BIC", "swift_code bic codigo_swift code_bic bic_swift swift bic_code codice_swift", THINGS,
                "varchar", g -> g.english().finance().bic());
        pii(kinds, "BANK_ACCOUNT", "account_number numero_cuenta numero_de_compte kontonummer numero_conta"
                + " rekeningnummer bank_account_number conto_corrente", PEOPLE, "varchar",
                g -> g.pii.digits(8 + g.random.nextInt(5)));
        pii(kinds, "CRYPTO_WALLET", "wallet_address btc_address eth_address crypto_wallet deposit_address"
                + " portefeuille bitcoin_address payout_address", ANY, "varchar", g -> switch (g.random.nextInt(3)) {
                    case 0 -> g.pii.bitcoin();
                    case 1 -> g.pii.bech32();
                    default -> g.pii.ethereum();
                });
        pii(kinds, "IP_ADDRESS", "ip_address client_ip remote_addr direccion_ip adresse_ip ip_adresse source_ip"
                + " ip_addr user_ip indirizzo_ip", ANY, "varchar", g -> g.random.nextInt(4) == 0 ? g.ipv6() : g.ipv4());
        pii(kinds, "MAC_ADDRESS", "mac_address mac hw_address direccion_mac adresse_mac bssid mac_adresse macaddr",
                ANY, "varchar", g -> g.english().internet().macAddress());
        pii(kinds, "DEVICE_ID", "device_id idfa advertising_id android_id imei id_dispositivo geraete_id gaid"
                + " device_uuid udid", ANY, "varchar", g -> switch (g.random.nextInt(3)) {
                    case 0 -> g.uuid();
                    case 1 -> g.english().code().imei();
                    default -> g.pii.hex(16);
                });
        pii(kinds, "GEO_COORDINATE", "coordinates lat_lng location_point coordenadas koordinaten coordonnees"
                + " geo_point gps_position latlon coordinate", ANY, "varchar",
                g -> g.english().address().latitude() + "," + g.english().address().longitude());
        pii(kinds, "GEO_COORDINATE", "latitude longitud breitengrad longitude latitudine lengtegraad", ANY, "decimal",
                g -> g.english().address().latitude());
        pii(kinds, "VIN", "vin vehicle_identification_number numero_bastidor fahrgestellnummer numero_chassis"
                + " telaio chassis_number vin_number", THINGS, "varchar",
                g -> g.random.nextBoolean() ? g.pii.vin() : g.english().vehicle().vin());
        pii(kinds, "USERNAME", "username nombre_usuario nom_utilisateur benutzername nome_usuario nome_utente"
                + " gebruikersnaam login_name screen_name user_name", PEOPLE, "varchar",
                g -> g.faker().name().username());
        pii(kinds, "PERSON_ID", "customer_id id_cliente id_client kundennummer user_id id_utente klant_id"
                + " patient_id employee_id id_usuario member_id kunden_id", ANY, "bigint",
                g -> String.valueOf(1000 + g.random.nextInt(9_000_000)));
        pii(kinds, "PERSON_ID", "user_uuid customer_key client_id subscriber_id", ANY, "varchar", Generators::uuid);
        pii(kinds, "PERSON_ID", "id id uuid id", PEOPLE, "bigint", g -> String.valueOf(1 + g.random.nextInt(500_000)));

        // Personal data under opaque names: values alone must tell.
        String opaque = "c2 col_7 field3 attr_b value_1 data c11 x_val f4 column9";
        pii(kinds, "EMAIL_ADDRESS", opaque, ANY, null, g -> g.faker().internet().emailAddress());
        pii(kinds, "CREDIT_CARD", opaque, ANY, null, g -> g.pii.anyCard());
        pii(kinds, "IBAN", opaque, ANY, null, g -> g.pii.anyIban());
        pii(kinds, "IP_ADDRESS", opaque, ANY, null, Generators::ipv4);
        pii(kinds, "PHONE_NUMBER", opaque, ANY, null, Generators::internationalPhone);
        pii(kinds, "CRYPTO_WALLET", opaque, ANY, null, g -> g.pii.bitcoin());
        pii(kinds, "US_SSN", opaque, ANY, null, g -> g.pii.ssn());
        pii(kinds, "MAC_ADDRESS", opaque, ANY, null, g -> g.english().internet().macAddress());

        // Free text, with and without personal data.
        String notes = "notes comments ticket_body mensaje commentaire bemerkung observacoes opmerking note"
                + " remarks description messaggio";
        kinds.add(new ColumnKind(Set.of("EMAIL_ADDRESS"), names(notes), ANY, "text", g -> g.random.nextInt(4) == 0
                ? g.sentence() + " Contact " + g.english().internet().emailAddress() + " for details."
                : g.sentence()));
        kinds.add(new ColumnKind(Set.of("PHONE_NUMBER"), names(notes), ANY, "text", g -> g.random.nextInt(4) == 0
                ? g.sentence() + " Call me back on " + g.internationalPhone() + " please."
                : g.sentence()));
        kinds.add(new ColumnKind(Set.of(), names(notes), ANY, "text", Generators::sentence));

        // Dirtier columns: abbreviated names, junk values, personal data where another type's name is.
        pii(kinds, "EMAIL_ADDRESS", "contact_info mail_addr usr_mail cust_email_addr emailadresse_kunde correo_contacto",
                PEOPLE, "varchar", g -> g.random.nextInt(6) == 0 ? g.pick(List.of("n/a", "unknown", "-", "none", "?"))
                        : g.faker().internet().emailAddress());
        pii(kinds, "PHONE_NUMBER", "cust_tel tel_nr telefono_contacto phone_1 fone tel_fixe", PEOPLE, "varchar",
                g -> g.random.nextInt(8) == 0 ? g.pick(List.of("n/a", "0", "unknown", "tbd"))
                        : g.faker().phoneNumber().phoneNumber());
        pii(kinds, "PHONE_NUMBER", "value_2 c9 attr_x f7", ANY, null, g -> g.faker().phoneNumber().phoneNumber());
        pii(kinds, "IP_ADDRESS", "address peer_address origin remote host_addr endpoint", THINGS, "varchar",
                g -> g.random.nextInt(4) == 0 ? g.ipv6() : g.ipv4());
        pii(kinds, "PERSON_NAME", "author autor auteur verfasser autore assignee", THINGS, "varchar",
                g -> g.faker().name().fullName());
        pii(kinds, "DATE_OF_BIRTH", "born nacido_el ne_le geboren_am nato_il born_on", PEOPLE, "date",
                g -> g.birthDate("yyyy-MM-dd"));
        kinds.add(new ColumnKind(Set.of("IBAN"), names("payment_notes transfer_comment memo_pago remarque_virement"
                + " verwendungszweck causale"), THINGS, "text", g -> g.random.nextInt(12) == 0
                ? g.sentence() + " Refund to " + g.pii.anyIban() + " please."
                : g.sentence()));

        // Short and role-built names (written for issue 15's misses: abbreviations, role prefixes,
        // *_zip), and structured values whose digit runs look like weaker types.
        pii(kinds, "PERSON_NAME", "driver_name passenger_name guest_name tenant_name nom_chauffeur fahrer_name"
                + " seller_name nombre_conductor manager_name nome_motorista agent_name naam_bestuurder", THINGS,
                "varchar", g -> g.faker().name().fullName());
        pii(kinds, "PERSON_ID", "emp_no driver_ref employee_no patient_ref staff_no member_ref emp_nr client_ref"
                + " tenant_id agent_no", THINGS, "bigint", g -> String.valueOf(1000 + g.random.nextInt(900_000)));
        pii(kinds, "POSTAL_CODE", "billing_zip home_zip ship_zip mailing_zip customer_zip owner_zip", ANY, "varchar",
                g -> g.faker().address().zipCode());
        pii(kinds, "VIN", "vin vin vehicle_vin car_vin", THINGS, "varchar", g -> g.pii.vin());
        pii(kinds, "IBAN", "c5 beneficiary_account x_col payee_acct field_8 col_b", ANY, "varchar",
                g -> grouped(g.pii.anyIban()));
        none(kinds, "driver_type zip_type customer_type tenant_count emp_count member_type", THINGS, "varchar",
                g -> g.pick(List.of("A", "B", "standard", "premium")));
        none(kinds, "opt_in newsletter_opt_in sms_opt_in opt_out", PEOPLE, "varchar", g -> g.pick(List.of("Y", "N")));
        none(kinds, "file_name host_name app_name server_name table_name brand_name", THINGS, "varchar",
                g -> g.english().commerce().productName());

        // Hard negatives: shapes or names of personal data, holding none.
        none(kinds, "genre music_genre genero genre_film genere categorie_genre", THINGS, "varchar",
                g -> g.pick(List.of("Rock", "Jazz", "Drama", "Comedy", "Pop", "Thriller", "Classical", "Documentary")));
        none(kinds, "handle product_handle slug url_key permalink seo_handle", THINGS, "varchar",
                g -> g.english().commerce().productName().toLowerCase(java.util.Locale.ROOT).replace(' ', '-'));
        none(kinds, "cap credit_cap cap spend_cap", THINGS, "integer", g -> String.valueOf(1000 + g.random.nextInt(90000)));
        none(kinds, "last_login login_at ultimo_acceso derniere_connexion letzte_anmeldung last_login_at", PEOPLE,
                "timestamp", Generators::timestamp);
        none(kinds, "mobile_app platform device_platform plataforma_movil client_platform os", ANY, "varchar",
                g -> g.pick(List.of("ios", "android", "web")));
        none(kinds, "id id order_id id", THINGS, "bigint", g -> String.valueOf(1 + g.random.nextInt(900_000)));
        none(kinds, "hostname host server_name nombre_servidor rechnername machine", THINGS, "varchar",
                g -> g.pick(List.of("web", "db", "cache", "api")) + "-" + g.random.nextInt(40) + ".internal");
        none(kinds, "temperature humidity exchange_rate tasa_cambio taux_change wechselkurs", THINGS, "decimal",
                g -> String.format(java.util.Locale.ROOT, "%.4f", g.random.nextDouble() * 80 - 10));
        none(kinds, "order_number numero_pedido num_commande bestellnummer order_ref numero_ordine ordernummer"
                + " order_no", THINGS, "varchar", g -> g.random.nextBoolean()
                ? String.format("%03d-%03d-%04d", 200 + g.random.nextInt(700), 200 + g.random.nextInt(700), g.random.nextInt(10000))
                : "1" + g.pii.digits(9));
        none(kinds, "isbn isbn13 isbn10 book_isbn isbn_code isbn_number", THINGS, "varchar",
                g -> g.random.nextBoolean() ? g.english().code().isbn10() : g.english().code().isbn13());
        none(kinds, "sku product_code article_number artikelnummer codigo_producto reference_article", THINGS,
                "varchar", g -> "SKU-" + g.pii.digits(5) + "-" + (char) ('A' + g.random.nextInt(26)) + (char) ('A' + g.random.nextInt(26)));
        none(kinds, "checksum content_hash sha256 md5_digest file_hash etag", THINGS, "varchar",
                g -> g.pii.hex(g.random.nextBoolean() ? 32 : 64));
        none(kinds, "request_id trace_id correlation_id event_id span_id job_uuid", THINGS, "uuid", Generators::uuid);
        none(kinds, "created_at updated_at fecha_creacion date_creation erstellt_am aangemaakt_op", ANY, "timestamp",
                Generators::timestamp);
        none(kinds, "order_date ship_date fecha_pedido date_commande bestelldatum invoice_date data_ordine"
                + " leverdatum", THINGS, null, Generators::recentDate);
        none(kinds, "version app_version firmware_version release build_version sw_version", THINGS, "varchar",
                g -> g.random.nextInt(3) + "." + g.random.nextInt(20) + "." + g.random.nextInt(50) + "." + g.random.nextInt(300));
        none(kinds, "year fiscal_year anio annee jahr model_year anno jaar", ANY, "integer",
                g -> String.valueOf(1990 + g.random.nextInt(36)));
        none(kinds, "academic_year_code term_code cohort_code intake_code season_code semester_code", ANY, "varchar",
                g -> {
                    int y = 2015 + g.random.nextInt(11);
                    return g.random.nextBoolean() ? y + "-" + String.valueOf(y + 1).substring(2) : "AY" + y;
                });
        none(kinds, "email_verified phone_opt_in is_email_confirmed sms_opt_in has_phone email_bounced"
                + " correo_verificado telefon_bestaetigt", PEOPLE, null,
                g -> g.pick(List.of("true", "false")));
        none(kinds, "email_verified marketing_email_opt_in", PEOPLE, "boolean", g -> g.pick(List.of("true", "false")));
        none(kinds, "phone_type email_type address_type tipo_telefono contact_method type_adresse", PEOPLE, "varchar",
                g -> g.pick(List.of("mobile", "home", "work", "other")));
        none(kinds, "email_count n_phones login_count num_addresses", PEOPLE, "integer",
                g -> String.valueOf(g.random.nextInt(12)));
        none(kinds, "name product_name nombre_producto nom_produit produktname nome_prodotto", THINGS, "varchar",
                g -> g.english().commerce().productName());
        none(kinds, "city ciudad ville stadt cidade citta stad town", ANY, "varchar", g -> g.faker().address().city());
        none(kinds, "company_name empresa entreprise firma azienda bedrijf employer organisation", ANY, "varchar",
                g -> g.faker().company().name());
        none(kinds, "amount price total importe prix betrag preco prezzo", THINGS, "decimal",
                g -> String.format(java.util.Locale.ROOT, "%.2f", g.random.nextDouble() * 1000));
        none(kinds, "status estado statut zustand stato order_status", THINGS, "varchar",
                g -> g.pick(List.of("NEW", "PAID", "SHIPPED", "CANCELLED", "REFUNDED")));
        none(kinds, "country_code pais_codigo code_pays laendercode currency_code language_code", ANY, "varchar",
                g -> g.pick(List.of("US", "DE", "FR", "ES", "IT", "NL", "PT", "GB", "IN", "BR")));
        none(kinds, "website url homepage webpage pagina_web site_web", ANY, "varchar", g -> g.english().internet().url());
        none(kinds, "email_hash hashed_email phone_sha256 email_md5", PEOPLE, "varchar", g -> g.pii.hex(64));
        none(kinds, "tracking_number shipment_id parcel_number numero_seguimiento sendungsnummer", THINGS, "varchar",
                g -> "1Z" + g.pii.digits(16));
        none(kinds, "quantity stock units cantidad quantite menge", THINGS, "integer",
                g -> String.valueOf(g.random.nextInt(500)));
        return kinds;
    }

    private static void pii(List<ColumnKind> kinds, String type, String names, TableKind table, String dataType,
            ValueMaker values) {
        kinds.add(new ColumnKind(Set.of(type), names(names), table, dataType, values));
    }

    private static void none(List<ColumnKind> kinds, String names, TableKind table, String dataType, ValueMaker values) {
        kinds.add(new ColumnKind(Set.of(), names(names), table, dataType, values));
    }

    /** An IBAN as people print it, in groups of four. */
    private static String grouped(String iban) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < iban.length(); i += 4) {
            out.append(i == 0 ? "" : " ").append(iban, i, Math.min(iban.length(), i + 4));
        }
        return out.toString();
    }

    private static List<String> names(String names) {
        return List.of(names.trim().split("\\s+"));
    }
}
