"""The postal address a customer writes in a mail, read by `postal_address`.

One case per way an address is written, in each of the six languages the inbox reads: the street
alone (never the words or phone digits before it), with its unit or floor, in US, UK, Canadian
and European order; and texts that hold no complete address (no postcode, a phone number, a
date) and give None. All names and numbers are made up (555-01xx phone numbers).
"""

from __future__ import annotations

import pytest

from bot.extract.postal import postal_address
from bot.model import PostalAddress


def us(street: str, city: str, region: str, postcode: str) -> PostalAddress:
    return PostalAddress(street, city, postcode, region)


def eu(street: str, city: str, postcode: str) -> PostalAddress:
    return PostalAddress(street, city, postcode)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Please change the service address on (858) 555-0137 to "
            "4370 Example Village Dr, Suite 400, San Diego, CA 92122.",
            us("4370 Example Village Dr, Suite 400", "San Diego", "CA", "92122"),
            id="en-us-after-a-phone-number",
        ),
        pytest.param(
            "Bitte ändern Sie die Service-Adresse für (858) 555-0137 auf "
            "4370 Example Village Dr, Suite 400, San Diego, CA 92122.",
            us("4370 Example Village Dr, Suite 400", "San Diego", "CA", "92122"),
            id="de-us-after-a-phone-number",
        ),
        pytest.param(
            "Bitte die Service-Adresse für +1 646 555 0143 auf 88 Example Street, "
            "New York, NY 10013 ändern.",
            us("88 Example Street", "New York", "NY", "10013"),
            id="de-us-after-a-spaced-phone-number",
        ),
        pytest.param(
            "We moved out of the old warehouse. The new place is 900 Example Road, Building C, "
            "Riverton, UT 84065. The move went fine.",
            us("900 Example Road, Building C", "Riverton", "UT", "84065"),
            id="en-us-building",
        ),
        pytest.param(
            "New address is: 27 Example Square, 2nd floor, Springfield, IL 62704.",
            us("27 Example Square, 2nd floor", "Springfield", "IL", "62704"),
            id="en-us-floor",
        ),
        pytest.param(
            "Since June we've been at 77 Example Ave, Buffalo NY 14201, not Birch Street.",
            us("77 Example Ave", "Buffalo", "NY", "14201"),
            id="en-us-no-comma-before-the-state",
        ),
        pytest.param(
            "The correct service address is Suite 210, 1400 Example St, Kansas City MO 64105.",
            us("1400 Example St", "Kansas City", "MO", "64105"),
            id="en-us-suite-before-the-street",
        ),
        pytest.param(
            "Please update both numbers:\n\n780 Example Boulevard, Suite 110\nPortland, OR 97209",
            us("780 Example Boulevard, Suite 110", "Portland", "OR", "97209"),
            id="en-us-on-two-lines",
        ),
        pytest.param(
            "los números (559) 555-0161 y (559) 555-0162 ahora están en "
            "4700 Example Industrial Pkwy, Nave 3, Fresno, CA 93725.",
            us("4700 Example Industrial Pkwy, Nave 3", "Fresno", "CA", "93725"),
            id="es-us-nave",
        ),
        pytest.param(
            "Mudamos de endereço. Novo: Av. Exemplo 1200, sala 4, Newark NJ 07105.",
            us("Av. Exemplo 1200, sala 4", "Newark", "NJ", "07105"),
            id="pt-us-city-portuguese-street",
        ),
        pytest.param(
            "Our new office is 12 Example Mews, London NW1 8XX. Please update the numbers.",
            PostalAddress("12 Example Mews", "London", "NW1 8XX", "", "GB"),
            id="en-uk",
        ),
        pytest.param(
            "Nouvelle adresse de service pour le (613) 555-0117 : 200, rue Exemple, bureau 4, "
            "Ottawa ON K1P 0A1. Merci.",
            PostalAddress("200, rue Exemple, bureau 4", "Ottawa", "K1P 0A1", "ON", "CA"),
            id="fr-canada",
        ),
        pytest.param(
            "Bonjour, our office in Munich has moved to Musterstraße 120, 80804 München.",
            eu("Musterstraße 120", "München", "80804"),
            id="en-german-street",
        ),
        pytest.param(
            "Wir sind von der Beispielgasse 4 in die Musterallee 31, 3. OG, 80469 München "
            "umgezogen.",
            eu("Musterallee 31, 3. OG", "München", "80469"),
            id="de-floor",
        ),
        pytest.param(
            'Bitte ändern Sie die Adresse auf "Mainzer Musterstraße 1, 60329 Frankfurt am Main".',
            eu("Mainzer Musterstraße 1", "Frankfurt am Main", "60329"),
            id="de-adjective-and-city-of-three-words",
        ),
        pytest.param(
            "Neue Anschrift ab 1. Juni: Am Beispielkai 40, 20457 Hamburg ändern, bitte.",
            eu("Am Beispielkai 40", "Hamburg", "20457"),
            id="de-am",
        ),
        pytest.param(
            "Elle est fausse. Remplacez-la par 31, rue de l'Exemple, 67000 Strasbourg, merci.",
            eu("31, rue de l'Exemple", "Strasbourg", "67000"),
            id="fr-number-comma-street",
        ),
        pytest.param(
            "Merci de changer l'adresse de nos numéros pour le 12 rue des Exemples, 69003 Lyon.",
            eu("12 rue des Exemples", "Lyon", "69003"),
            id="fr-number-street",
        ),
        pytest.param(
            "Nous étions au 4 avenue Fictive et nous sommes maintenant au "
            "27 boulevard de l'Exemple, 3e étage, 69003 Lyon.",
            eu("27 boulevard de l'Exemple, 3e étage", "Lyon", "69003"),
            id="fr-etage",
        ),
        pytest.param(
            "Prima eravamo in Via Fittizia 8, adesso siamo in Corso Esempio 112, scala B, "
            "20135 Milano.",
            eu("Corso Esempio 112, scala B", "Milano", "20135"),
            id="it-scala",
        ),
        pytest.param(
            "La società ha trasferito la sede legale in Via dell'Esempio 45, 35131 Padova.",
            eu("Via dell'Esempio 45", "Padova", "35131"),
            id="it",
        ),
        pytest.param(
            "Por favor cambiad la dirección de nuestros números a Calle Ejemplo 23, 28001 Madrid.",
            eu("Calle Ejemplo 23", "Madrid", "28001"),
            id="es",
        ),
        pytest.param(
            "Lo que quiero es que la cambiéis a Calle Ejemplo 18, 2º izquierda, 50001 Zaragoza.",
            eu("Calle Ejemplo 18, 2º izquierda", "Zaragoza", "50001"),
            id="es-piso",
        ),
        pytest.param(
            "Por favor alterem a morada associada aos nossos números para Rua Exemplo 45, "
            "1000-001 Lisboa.",
            eu("Rua Exemplo 45", "Lisboa", "1000-001"),
            id="pt",
        ),
        pytest.param(
            "Estávamos na Avenida Fictícia 210 e agora estamos na Rua das Amostras 18, "
            "2.º andar, 1250-096 Lisboa.",
            eu("Rua das Amostras 18, 2.º andar", "Lisboa", "1250-096"),
            id="pt-andar",
        ),
        pytest.param(
            "A sede passa a ser na Rua do Exemplo, 140, 3.º, 4150-000 Porto.",
            eu("Rua do Exemplo, 140, 3.º", "Porto", "4150-000"),
            id="pt-street-comma-number",
        ),
    ],
)
def test_the_address_is_read(text: str, expected: PostalAddress) -> None:
    assert postal_address(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Address on file is wrong. Should be 10 Example Lane, St. Paul MN.", id="us"),
        pytest.param(
            "A nossa loja mudou-se para 1200 Example Blvd, Unit 7, Mississauga ON.", id="canada"
        ),
        pytest.param(
            "Nous avons déménagé au 900, rue de l'Exemple, bureau 200, à Saint-Hyacinthe.",
            id="quebec",
        ),
        pytest.param("Oi, nós mudamos loja para nova endereço, Rua Exemplo 99, Porto.", id="pt"),
        pytest.param("Please port (212) 555-0143, 0144 and 0145 to us.", id="phone-numbers"),
        pytest.param(
            "Heute klingeln genau zwei: die (303) 555-0141 und die 0142. Die 0143, 0144 und "
            "0145 sind abgeschaltet.",
            id="phone-number-endings",
        ),
        pytest.param("The correct postcode is SE1 9PX, not SE1 9XP.", id="postcode-alone"),
        pytest.param("Effective March 3, 2025 Our new office opens.", id="date"),
        pytest.param("Rechnung 12345, 2024 Jahresabschluss anbei.", id="invoice-number"),
    ],
)
def test_no_complete_address_gives_none(text: str) -> None:
    assert postal_address(text) is None
