"""Regenerate the walkthrough files: a bank's own labelled comments (hand-written for this project).

bank_labels.csv: training rows; bank_test.csv: held-out rows; bank_unlabelled.csv: new comments.
Labels use the ten dimensions in dim_<dimension> columns (empty = not mentioned).
"""
import csv
from pathlib import Path

HERE = Path(__file__).parent
DIMS = ["reliability", "responsiveness", "competence", "courtesy", "communication", "credibility",
        "security", "access", "understanding", "tangibles"]

TRAIN = [
    ("en", "The app logged me out three times while I was paying a bill.", {"reliability": "negative"}, "negative"),
    ("en", "Card blocked abroad and nobody told me why. Stuck at the hotel desk.", {"communication": "negative", "reliability": "negative"}, "negative"),
    ("en", "Lovely advisor at the Kallio branch, explained the mortgage options clearly.", {"courtesy": "positive", "communication": "positive"}, "positive"),
    ("en", "Chat support answered in two minutes and fixed my transfer.", {"responsiveness": "positive"}, "positive"),
    ("en", "Fraud team called me within minutes of a weird payment. Felt safe.", {"security": "positive", "responsiveness": "positive"}, "positive"),
    ("en", "Hidden fee of 4.90 on every foreign transfer, never mentioned when I opened the account.", {"credibility": "negative"}, "negative"),
    ("en", "Branch closed on Saturdays now and the phone line is always busy.", {"access": "negative"}, "negative"),
    ("en", "The clerk had no idea how to change my address.", {"competence": "negative"}, "negative"),
    ("en", "They gave me a payment break when I lost my job, really human.", {"understanding": "positive"}, "positive"),
    ("en", "New branch looks great, bright and clean.", {"tangibles": "positive"}, "positive"),
    ("en", "Is the savings account rate fixed or variable?", {}, "neutral"),
    ("en", "Rates are too low, honestly.", {}, "negative"),
    ("en", "Waited 40 minutes on hold, but the agent was very kind in the end.", {"responsiveness": "negative", "courtesy": "positive"}, "mixed"),
    ("en", "Rude guy at the counter rolled his eyes at my question.", {"courtesy": "negative"}, "negative"),
    ("en", "App redesign is ugly and the buttons are tiny.", {"tangibles": "negative"}, "negative"),
    ("en", "Transfers always arrive the same day, never had an issue.", {"reliability": "positive"}, "positive"),
    ("fi", "Sovellus kaatuu joka kerta kun yritän maksaa laskun.", {"reliability": "negative"}, "negative"),
    ("fi", "Neuvoja oli tosi ystävällinen ja selitti lainan ehdot selkeästi.", {"courtesy": "positive", "communication": "positive"}, "positive"),
    ("fi", "Puhelinjonossa 50 minuuttia, ihan käsittämätöntä.", {"responsiveness": "negative"}, "negative"),
    ("fi", "Konttori suljettiin ja nyt lähin on 30 km päässä.", {"access": "negative"}, "negative"),
    ("fi", "Kortti kopioitiin automaatilla mutta pankki hoiti asian heti ja rahat palautettiin.", {"security": "negative", "responsiveness": "positive"}, "mixed"),
    ("fi", "Mainoksessa luvattiin ilmainen tili, nyt veloitetaan 3 e kuussa.", {"credibility": "negative"}, "negative"),
    ("fi", "Virkailija ei osannut vastata yhteenkään kysymykseen.", {"competence": "negative"}, "negative"),
    ("fi", "Onko konttori auki lauantaina?", {"access": "neutral"}, "neutral"),
    ("es", "La app funciona perfecta, nunca me ha fallado una transferencia.", {"reliability": "positive"}, "positive"),
    ("es", "Me cobraron una comisión que no aparecía en el contrato.", {"credibility": "negative"}, "negative"),
    ("es", "El gestor entendió mi situación y me propuso un plan a medida.", {"understanding": "positive"}, "positive"),
    ("es", "Una hora de cola en la oficina y solo una ventanilla abierta.", {"responsiveness": "negative"}, "negative"),
    ("es", "La cajera fue muy borde conmigo.", {"courtesy": "negative"}, "negative"),
    ("es", "Oficina sucia y el cajero automático roto desde hace semanas.", {"tangibles": "negative"}, "negative"),
    ("es", "Nadie me avisó de que cambiaban las condiciones de la tarjeta.", {"communication": "negative"}, "negative"),
    ("es", "¿Cuánto tarda en llegar la tarjeta nueva?", {}, "neutral"),
    ("en", "Great mortgage advisor, knew every detail of the first-buyer scheme.", {"competence": "positive"}, "positive"),
    ("en", "Online banking down again on payday. Brilliant.", {"reliability": "negative", "access": "negative"}, "negative"),
    ("fi", "Pankki muisti että olen opiskelija ja tarjosi sopivan tilin.", {"understanding": "positive"}, "positive"),
    ("es", "Muy seguros con la verificación en dos pasos, me da tranquilidad.", {"security": "positive"}, "positive"),
]

TEST = [
    ("en", "The app froze during a transfer and took my money twice.", {"reliability": "negative"}, "negative"),
    ("en", "Super friendly staff at the branch, thanks Maria!", {"courtesy": "positive"}, "positive"),
    ("en", "Never managed to reach anyone by phone, gave up after a week.", {"access": "negative"}, "negative"),
    ("en", "They replied to my complaint the same afternoon.", {"responsiveness": "positive"}, "positive"),
    ("fi", "Virkailija oli epäkohtelias ja kiireinen.", {"courtesy": "negative"}, "negative"),
    ("fi", "Tilisiirrot menevät aina perille samana päivänä.", {"reliability": "positive"}, "positive"),
    ("fi", "Kukaan ei kertonut että palvelumaksut nousevat.", {"communication": "negative"}, "negative"),
    ("es", "El asesor no sabía nada de fondos de inversión.", {"competence": "negative"}, "negative"),
    ("es", "Oficina moderna y muy limpia, da gusto.", {"tangibles": "positive"}, "positive"),
    ("es", "Alguien usó mi tarjeta clonada y el banco tardó un mes en devolverme el dinero.", {"security": "negative", "responsiveness": "negative"}, "negative"),
    ("en", "Account fees went up without warning, and they call this transparent?", {"credibility": "negative", "communication": "negative"}, "negative"),
    ("en", "What are your opening hours on Sunday?", {"access": "neutral"}, "neutral"),
]

UNLABELLED = [
    "The card reader at the branch never works.", "Why did my transfer take four days?", "Thanks for the quick help today!",
    "Nobody answers the chat after 5 pm.", "Lainahakemukseen vastattiin vasta kolmen viikon päästä.", "Kiitos avusta, olitte ihania.",
    "¿Por qué me cobran por sacar dinero?", "El empleado me trató con mucho respeto.", "My savings rate changed without any letter.",
    "The branch smells of paint, but the staff were lovely.", "Sovellus on selkeä ja nopea.", "Muy mala atención telefónica.",
    "Got a scam text pretending to be you, please warn people.", "Advisor pushed an insurance I did not need.",
    "Automaatti nielaisi kortin eikä kukaan auttanut.", "Me atendieron rápido y sin cita.", "Love the new app design!",
    "Pankkikortin tilaus kesti kuukauden.", "The queue was out the door again.", "Excelente servicio, como siempre.",
]


def write(name, rows, labelled=True):
    with open(HERE / name, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        if labelled:
            w.writerow(["id", "lang", "text", "sentiment", *[f"dim_{d}" for d in DIMS]])
            for i, (lang, text, dims, sent) in enumerate(rows):
                w.writerow([f"{name.split('.')[0]}-{i}", lang, text, sent, *[dims.get(d, "") for d in DIMS]])
        else:
            w.writerow(["id", "text"])
            for i, text in enumerate(rows):
                w.writerow([f"new-{i}", text])


write("bank_labels.csv", TRAIN)
write("bank_test.csv", TEST)
write("bank_unlabelled.csv", UNLABELLED, labelled=False)
