"""German words too common to say what a text is about (articles, pronouns,
auxiliary, modal and the most common other verbs, conjunctions, prepositions,
particles), written for Quartier. They are removed before counting; the list is lower case."""

from __future__ import annotations

GERMAN_STOP_WORDS = frozenset(
    """
    aber alle allem allen aller alles als also am an ander andere anderen anderer
    anderes auch auf aus bei beim bereits bin bis bisher bist bitte da dabei dadurch
    dafür dagegen daher dahin damals damit danach daneben dann daran darauf daraus
    darin darum darüber das dass dazu dein deine deinem deinen deiner dem den denen
    denn dennoch der deren des deshalb dessen die dies diese diesem diesen dieser
    dieses doch dort du durch eben ebenfalls ein eine einem einen einer eines einfach
    einige einigen einiger einmal er es etwa etwas euch euer eure für gab gar gegen
    geht gemacht gewesen gibt gleich habe haben hat hatte hatten hier hin hinter ich
    ihm ihn ihnen ihr ihre ihrem ihren ihrer im immer in indem ins ist ja je jede
    jedem jeden jeder jedes jedoch jetzt kann kein keine keinem keinen keiner können
    könnte könnten man manche manchmal mehr mein meine meinem meinen meiner mich mir
    mit muss müssen musste nach nachdem nicht nichts noch nun nur ob oder ohne schon
    sehr sein seine seinem seinen seiner seit selbst sich sie sind so sodass solche
    sollen sollte sollten sondern sonst soll über um und uns unser unsere unserem
    unseren unserer unter viel viele vielen vom von vor wann war waren warum was
    weil welche welchem welchen welcher welches wenn wer werde werden wie wieder will
    wir wird wirklich wo wollen wollte worden wurde wurden zu zum zur zwar zwischen
    ab beide beiden dürfen eigentlich euch ganz gern gerne heute hätte hätten kaum
    leider mal mehrere mögen möchte möchten neben oft sogar sowie statt trotz uns
    vielleicht weiter wenig weniger wäre wären würde würden zurück zusammen
    bekommen bekommt brauche brauchen braucht bringen gebracht gehen ging gegangen kam kamen kommen kommt
    lassen lässt letzte letzten machen macht sagen sagt gesagt sehen sieht steht
    """.split()
)
