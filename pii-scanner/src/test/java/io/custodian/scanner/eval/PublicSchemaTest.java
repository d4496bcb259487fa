package io.custodian.scanner.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodian.scanner.policy.ScannerPolicies;
import io.custodian.scanner.ColumnClassification;
import io.custodian.scanner.ColumnSample;
import io.custodian.scanner.classify.PiiColumnClassifier;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Column names from public sample schemas that others designed (MySQL's Sakila, Chinook, Microsoft's
 * Northwind and AdventureWorks), labelled by hand, with values generated for each column's meaning.
 * The names were not used to write the vocabularies and the rules were not tuned on this set; it
 * checks how the name rules carry over to schemas written by someone else. Floors only: the
 * figures are reported in docs/benchmarks.md.
 */
class PublicSchemaTest {
    /** table.column | label (or -) | value kind. */
    private static final String SCHEMAS = """
            sakila.customer.customer_id | PERSON_ID | int
            sakila.customer.first_name | PERSON_NAME | first
            sakila.customer.last_name | PERSON_NAME | last
            sakila.customer.email | EMAIL_ADDRESS | email
            sakila.customer.address_id | - | int
            sakila.customer.active | - | bool
            sakila.customer.create_date | - | timestamp
            sakila.address.address | STREET_ADDRESS | street
            sakila.address.district | - | state
            sakila.address.postal_code | POSTAL_CODE | zip
            sakila.address.phone | PHONE_NUMBER | digits_phone
            sakila.staff.first_name | PERSON_NAME | first
            sakila.staff.last_name | PERSON_NAME | last
            sakila.staff.email | EMAIL_ADDRESS | email
            sakila.staff.username | USERNAME | username
            sakila.staff.password | - | hash
            sakila.actor.first_name | PERSON_NAME | first
            sakila.actor.last_name | PERSON_NAME | last
            sakila.film.title | - | title
            sakila.film.description | - | sentence
            sakila.film.rating | - | rating
            sakila.rental.customer_id | PERSON_ID | int
            sakila.rental.staff_id | PERSON_ID | small_int
            sakila.payment.amount | - | money
            chinook.Customer.CustomerId | PERSON_ID | int
            chinook.Customer.FirstName | PERSON_NAME | first
            chinook.Customer.LastName | PERSON_NAME | last
            chinook.Customer.Company | - | company
            chinook.Customer.Address | STREET_ADDRESS | street
            chinook.Customer.City | - | city
            chinook.Customer.State | - | state
            chinook.Customer.Country | - | country
            chinook.Customer.PostalCode | POSTAL_CODE | zip
            chinook.Customer.Phone | PHONE_NUMBER | phone
            chinook.Customer.Fax | PHONE_NUMBER | phone
            chinook.Customer.Email | EMAIL_ADDRESS | email
            chinook.Customer.SupportRepId | PERSON_ID | small_int
            chinook.Employee.EmployeeId | PERSON_ID | small_int
            chinook.Employee.LastName | PERSON_NAME | last
            chinook.Employee.FirstName | PERSON_NAME | first
            chinook.Employee.Title | - | job
            chinook.Employee.ReportsTo | PERSON_ID | small_int
            chinook.Employee.BirthDate | DATE_OF_BIRTH | birth
            chinook.Employee.HireDate | - | date
            chinook.Employee.Address | STREET_ADDRESS | street
            chinook.Employee.Email | EMAIL_ADDRESS | email
            chinook.Invoice.CustomerId | PERSON_ID | int
            chinook.Invoice.InvoiceDate | - | date
            chinook.Invoice.BillingAddress | STREET_ADDRESS | street
            chinook.Invoice.BillingCity | - | city
            chinook.Invoice.BillingPostalCode | POSTAL_CODE | zip
            chinook.Invoice.Total | - | money
            chinook.Track.Name | - | title
            chinook.Track.Milliseconds | - | int
            northwind.Employees.LastName | PERSON_NAME | last
            northwind.Employees.FirstName | PERSON_NAME | first
            northwind.Employees.TitleOfCourtesy | - | courtesy
            northwind.Employees.BirthDate | DATE_OF_BIRTH | birth
            northwind.Employees.HireDate | - | date
            northwind.Employees.Address | STREET_ADDRESS | street
            northwind.Employees.Region | - | state
            northwind.Employees.PostalCode | POSTAL_CODE | zip
            northwind.Employees.HomePhone | PHONE_NUMBER | phone
            northwind.Employees.Extension | - | extension
            northwind.Employees.Notes | - | sentence
            northwind.Customers.CompanyName | - | company
            northwind.Customers.ContactName | PERSON_NAME | full
            northwind.Customers.ContactTitle | - | job
            northwind.Customers.Phone | PHONE_NUMBER | phone
            northwind.Orders.EmployeeID | PERSON_ID | small_int
            northwind.Orders.OrderDate | - | date
            northwind.Orders.ShipName | - | company
            northwind.Orders.ShipAddress | STREET_ADDRESS | street
            northwind.Orders.ShipPostalCode | POSTAL_CODE | zip
            northwind.Orders.Freight | - | money
            adventureworks.Person.FirstName | PERSON_NAME | first
            adventureworks.Person.MiddleName | PERSON_NAME | first
            adventureworks.Person.LastName | PERSON_NAME | last
            adventureworks.Person.Title | - | courtesy
            adventureworks.Person.EmailPromotion | - | promotion
            adventureworks.Person.PersonType | - | person_type
            adventureworks.Person.BusinessEntityID | PERSON_ID | int
            adventureworks.EmailAddress.EmailAddress | EMAIL_ADDRESS | email
            adventureworks.EmailAddress.EmailAddressID | - | int
            adventureworks.PersonPhone.PhoneNumber | PHONE_NUMBER | phone
            adventureworks.PersonPhone.PhoneNumberTypeID | - | promotion
            adventureworks.Employee.LoginID | USERNAME | login
            adventureworks.Employee.JobTitle | - | job
            adventureworks.Employee.BirthDate | DATE_OF_BIRTH | birth
            adventureworks.Employee.MaritalStatus | - | marital
            adventureworks.Employee.Gender | GENDER | gender
            adventureworks.Employee.HireDate | - | date
            adventureworks.Employee.VacationHours | - | small_int
            adventureworks.CreditCard.CardNumber | CREDIT_CARD | card
            adventureworks.CreditCard.CardType | - | card_type
            adventureworks.Address.AddressLine1 | STREET_ADDRESS | street
            adventureworks.Address.City | - | city
            adventureworks.Address.PostalCode | POSTAL_CODE | zip
            adventureworks.Address.rowguid | - | uuid
            """;

    private final PiiColumnClassifier classifier = new PiiColumnClassifier(ScannerPolicies.defaults(),
            java.time.Clock.fixed(Generators.TODAY.atStartOfDay().toInstant(ZoneOffset.UTC), ZoneOffset.UTC));

    @Test
    void namesFromSchemasWrittenByOthersCarryOver() {
        Generators g = new Generators(77L);
        Map<String, Function<Generators, String>> kinds = valueKinds();
        int tp = 0;
        int fp = 0;
        int fn = 0;
        StringBuilder report = new StringBuilder("\npublic sample schemas\n");
        for (String line : SCHEMAS.strip().split("\n")) {
            String[] parts = line.split("\\|");
            String[] name = parts[0].strip().split("\\.");
            String label = parts[1].strip();
            Function<Generators, String> kind = kinds.get(parts[2].strip());
            List<String> values = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                values.add(kind.apply(g));
            }
            List<ColumnClassification> found = classifier.classify(
                    new ColumnSample(name[1], name[2], java.util.Optional.empty(), java.util.Optional.empty(), values));
            Set<String> predicted = new HashSet<>();
            found.forEach(c -> predicted.add(c.type()));
            Set<String> labels = label.equals("-") ? Set.of() : Set.of(label);
            for (String type : predicted) {
                if (labels.contains(type)) {
                    tp++;
                } else {
                    fp++;
                    report.append("  FP ").append(type).append(' ').append(parts[0].strip()).append('\n');
                }
            }
            for (String type : labels) {
                if (!predicted.contains(type)) {
                    fn++;
                    report.append("  FN ").append(type).append(' ').append(parts[0].strip()).append('\n');
                }
            }
        }
        double precision = tp + fp == 0 ? 1 : (double) tp / (tp + fp);
        double recall = (double) tp / (tp + fn);
        report.append(String.format(Locale.ROOT, "tp %d, fp %d, fn %d: precision %.3f, recall %.3f%n", tp, fp, fn,
                precision, recall));
        System.out.println(report);
        assertThat(precision).isGreaterThanOrEqualTo(0.90);
        assertThat(recall).isGreaterThanOrEqualTo(0.70);
    }

    private static Map<String, Function<Generators, String>> valueKinds() {
        Map<String, Function<Generators, String>> kinds = new java.util.HashMap<>();
        kinds.put("int", g -> String.valueOf(1 + g.random.nextInt(20_000)));
        kinds.put("small_int", g -> String.valueOf(1 + g.random.nextInt(10)));
        kinds.put("first", g -> g.english().name().firstName());
        kinds.put("last", g -> g.english().name().lastName());
        kinds.put("full", g -> g.english().name().fullName());
        kinds.put("email", g -> g.english().internet().emailAddress());
        kinds.put("bool", g -> g.random.nextBoolean() ? "1" : "0");
        kinds.put("timestamp", Generators::timestamp);
        kinds.put("date", Generators::recentDate);
        kinds.put("birth", g -> g.birthDate("yyyy-MM-dd") + " 00:00:00");
        kinds.put("street", g -> g.english().address().streetAddress());
        kinds.put("state", g -> g.english().address().state());
        kinds.put("city", g -> g.english().address().city());
        kinds.put("country", g -> g.english().address().country());
        kinds.put("zip", g -> g.english().address().zipCode());
        kinds.put("phone", g -> g.english().phoneNumber().phoneNumber());
        kinds.put("digits_phone", g -> g.english().phoneNumber().phoneNumber().replaceAll("[^0-9]", ""));
        kinds.put("username", g -> g.english().name().username());
        kinds.put("login", g -> "adventure-works\\" + g.english().name().firstName().toLowerCase(Locale.ROOT)
                + g.random.nextInt(3));
        kinds.put("hash", g -> g.pii.hex(40));
        kinds.put("title", g -> g.english().book().title());
        kinds.put("sentence", Generators::sentence);
        kinds.put("rating", g -> g.pick(List.of("G", "PG", "PG-13", "R", "NC-17")));
        kinds.put("money", g -> String.format(Locale.ROOT, "%.2f", g.random.nextDouble() * 100));
        kinds.put("company", g -> g.english().company().name());
        kinds.put("job", g -> g.english().job().title());
        kinds.put("courtesy", g -> g.pick(List.of("Mr.", "Ms.", "Mrs.", "Dr.")));
        kinds.put("extension", g -> String.valueOf(1000 + g.random.nextInt(9000)));
        kinds.put("promotion", g -> String.valueOf(g.random.nextInt(3)));
        kinds.put("person_type", g -> g.pick(List.of("EM", "SC", "IN", "SP", "VC", "GC")));
        kinds.put("marital", g -> g.pick(List.of("M", "S")));
        kinds.put("gender", g -> g.pick(List.of("M", "F")));
        kinds.put("card", g -> g.pii.anyCard());
        kinds.put("card_type", g -> g.pick(List.of("Vista", "SuperiorCard", "Distinguish", "ColonialVoice")));
        kinds.put("uuid", Generators::uuid);
        return kinds;
    }
}
