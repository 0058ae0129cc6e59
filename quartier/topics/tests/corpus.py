"""A small labelled German corpus: three groups whose grouping is obvious to a
person (playgrounds and children, buses and stops, neighbours and festivals). Each
text names its group's two key words, in varying inflected forms.

The tests of a whole run store the first group as contributions and the second as
stories (each with a title, which counts as part of its text) and the third as
comments (no title); TEXTS are the texts as a run reads them."""

PLAYGROUND = [
    "Der Spielplatz am Park braucht neue Schaukeln für die Kinder.",
    "Unsere Kinder spielen gern, aber der Spielplatz ist kaputt.",
    "Auf dem Spielplatz fehlt Schatten, die Kinder schwitzen im Sandkasten.",
    "Mehr Spielplätze für Kinder im Viertel, bitte mit Rutsche.",
    "Die Rutsche auf dem Spielplatz ist für kleine Kinder zu hoch.",
    "Ein sicherer Spielplatz mit Zaun, damit Kinder nicht weglaufen.",
    "Der Sandkasten des Spielplatzes wird nie gereinigt, Kinder finden Scherben.",
    "Kinder wünschen sich einen Spielplatz mit Klettergerüst und Schaukeln.",
    "Am Spielplatz fehlen Bänke für Eltern, die ihre Kinder begleiten.",
    "Spielplätze sind wichtig: Kindern fehlt Platz zum Toben und Klettern.",
]
BUS = [
    "Der Bus fährt abends zu selten, die Haltestelle ist dann leer.",
    "An der Haltestelle fehlt ein Dach, man wartet im Regen auf den Bus.",
    "Mehr Bus im Verkehr am Morgen, die Haltestellen sind überfüllt.",
    "Die Haltestelle am Markt ist nicht barrierefrei, der Bus hält zu weit weg.",
    "Der Bus kommt im Verkehr oft verspätet an der Haltestelle an.",
    "Eine neue Haltestelle für den Bus nahe dem Seniorenheim wäre gut.",
    "Am Wochenende fährt kein Bus, die Haltestellen bleiben leer.",
    "Eine Busspur, damit der Bus nicht im Verkehr steckt und die Haltestelle pünktlich erreicht.",
    "Der Fahrplan an der Haltestelle ist unlesbar, wann kommt der Bus?",
    "Der Bus braucht einen dichteren Takt an jeder Haltestelle.",
]
NEIGHBOURS = [
    "Ein Fest im Sommer bringt die Nachbarn zusammen.",
    "Wir feiern ein Fest im Hof, alle Nachbarn sind eingeladen.",
    "Die Nachbarn kennen sich kaum, ein Fest könnte helfen.",
    "Beim Straßenfest haben sich viele Nachbarn zum ersten Mal getroffen, ein schönes Fest.",
    "Nachbarn laden zum Fest mit Kuchen und Musik ein.",
    "Gute Nachbarschaft entsteht, wenn Nachbarn gemeinsam ein Fest feiern.",
    "Das Fest der Nachbarn soll jedes Jahr stattfinden.",
    "Neue Nachbarn kennenlernen: ein Fest im Gemeinschaftsgarten.",
    "Ein Hoffest für alle Nachbarn mit Musik und Tanz, ein Fest für alle.",
    "Nachbarn helfen beim Fest: Tische, Kuchen und Getränke.",
]
PLAYGROUND_TITLES = ["Spielplatz für Kinder", "Kinder brauchen einen Spielplatz"]
BUS_TITLES = ["Bus und Haltestelle", "Die Haltestelle"]


def titled(texts, titles):
    """(title, text) pairs, the titles taken in turn."""
    return [(titles[i % len(titles)], text) for i, text in enumerate(texts)]


GROUPS = [PLAYGROUND, BUS, NEIGHBOURS]
TEXTS = [
    *(f"{title}\n{text}" for title, text in titled(PLAYGROUND, PLAYGROUND_TITLES)),
    *(f"{title}\n{text}" for title, text in titled(BUS, BUS_TITLES)),
    *NEIGHBOURS,
]
LABELS = [number for number, group in enumerate(GROUPS) for _ in group]
