"""Regenerate examples/reviews.csv (hand-written comments, one file for the quick start)."""
import csv
from pathlib import Path

ROWS = [
    ("1", "2026-01-04", "Helsinki", "Jonotin puhelimessa 45 minuuttia ja sitten puhelu katkesi. Ei kiitos."),
    ("2", "2026-01-09", "Helsinki", "Kassalla oli tosi ystävällinen myyjä, hymyili ja auttoi pakkaamaan 😊"),
    ("3", "2026-01-11", "Kuala Lumpur", "Parcel sampai lambat gila, 2 minggu!! Customer service pun tak reply email."),
    ("4", "2026-01-15", "Kuala Lumpur", "Staff kaunter sangat mesra dan terangkan semua dgn jelas. Tq!"),
    ("5", "2026-01-20", "Moscow", "В МФЦ приняли быстро, девушка всё объяснила понятно. Спасибо!"),
    ("6", "2026-02-02", "Moscow", "Курьер опоздал на три часа и даже не позвонил. Ужас."),
    ("7", "2026-02-05", "Sofia", "Служителката беше груба и не знаеше нищо за моя договор."),
    ("8", "2026-02-07", "Sofia", "Много чист хотел, модерни стаи и страхотна закуска."),
    ("9", "2026-02-12", "London", "Train cancelled AGAIN and nobody on the platform told us anything. Brilliant."),
    ("10", "2026-02-14", "London", "The nurse was patient and explained every step of the procedure. Felt safe the whole time."),
    ("11", "2026-02-20", "Berlin", "Seit drei Wochen keine Antwort auf meine E-Mail. Kundenservice? Fehlanzeige."),
    ("12", "2026-02-22", "Berlin", "Der Techniker wusste genau, was er tat, und war in 20 Minuten fertig."),
    ("13", "2026-03-01", "Paris", "Frais cachés sur la facture, alors qu'on m'avait promis un prix fixe. Arnaque."),
    ("14", "2026-03-03", "Paris", "Conseillère très à l'écoute, elle a adapté l'offre à ma situation."),
    ("15", "2026-03-05", "Madrid", "El local estaba sucio y las mesas pegajosas, pero el camarero fue muy amable."),
    ("16", "2026-03-09", "Madrid", "¿Abren los domingos por la tarde?"),
    ("17", "2026-03-12", "Lisboa", "Não consegui falar com ninguém, a linha está sempre ocupada."),
    ("18", "2026-03-15", "Lisboa", "Entrega no dia certo e tudo bem embalado. Recomendo!"),
    ("19", "2026-03-18", "Milano", "Il medico non sapeva rispondere alle mie domande, mi ha mandato via in 2 minuti."),
    ("20", "2026-03-21", "Milano", "Personale gentilissimo e camera pulitissima, torneremo!"),
    ("21", "2026-04-01", "Amsterdam", "Pakket kwijt, drie keer gebeld en elke keer een ander verhaal. Waardeloos."),
    ("22", "2026-04-03", "Amsterdam", "Snel geholpen aan de balie, binnen vijf minuten klaar."),
    ("23", "2026-04-06", "Warszawa", "Pani w okienku była niemiła i kazała mi przyjść jutro."),
    ("24", "2026-04-09", "Warszawa", "Aplikacja banku działa bez zarzutu, przelewy zawsze na czas."),
    ("25", "2026-04-12", "Stockholm", "Någon läckte mina kortuppgifter efter köpet, och banken bryr sig inte."),
    ("26", "2026-04-15", "Stockholm", "Personalen var trevlig men vi fick vänta över en timme på rummet."),
    ("27", "2026-04-18", "Istanbul", "Kargo 10 gün gecikti, müşteri hizmetleri telefonu hiç açmadı."),
    ("28", "2026-04-21", "Istanbul", "Çalışanlar çok kibar ve ilgiliydi, teşekkürler."),
    ("29", "2026-05-02", "Jakarta", "Adminnya fast respon bgt, masalah langsung beres. Mantap!"),
    ("30", "2026-05-05", "Jakarta", "Udah 3 hari gak ada kabar soal refund, gimana sih min?"),
    ("31", "2026-05-08", "Kyiv", "В ЦНАПі все швидко і ввічливо, дякую працівникам!"),
    ("32", "2026-05-11", "Kyiv", "Оператор нічого не пояснив, просто поклав трубку."),
    ("33", "2026-05-14", "London", "Lovely jumper, fits well."),
    ("34", "2026-05-17", "London", ""),
    ("35", "2026-05-20", "Berlin", "=HYPERLINK(\"http://example.invalid\",\"click\")"),
]

with open(Path(__file__).with_name("reviews.csv"), "w", encoding="utf-8", newline="") as fh:
    w = csv.writer(fh)
    w.writerow(["id", "date", "store", "text"])
    w.writerows(ROWS)
