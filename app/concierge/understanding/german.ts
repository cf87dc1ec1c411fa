// German word lists (UNDERSTANDING.md, second release). Written with umlauts and ß; "ä" also matches "a" and
// "ae", "ß" matches "ss". Compounds such as "Weißgoldring" are split before matching (spelling.ts).
import type { Vocabulary } from "./vocabulary";

const PERSON =
  "(=frau|=ehefrau|=mann|=ehemann|=freundin|=freund|=mutter|=mama|=mami|=schwester|=tochter|=oma|=tante|=verlobte|=verlobten|=partnerin|=partner|=liebste|=liebsten|=beste freundin|=besten freundin|=kollegin|=schwiegermutter|=nichte|=patentante)";
const ITEM =
  "(=bestellung|=bestellungen|=paket|=pakete|=lieferung|=sendung|=ware|=ring|=ringe|=kette|=halskette|=ohrringe|=armband|=schmuck)";

export const DE: Vocabulary = {
  category: {
    earring: [
      "(=ohrring|=ohrringe|=ohrringen)",
      "(=ohrstecker|=ohrsteckern)",
      "(=creole|=creolen)",
      "(=ohrhänger|=ohrhängern)",
      "=ohrclips",
    ],
    bracelet: [
      "(=armband|=armbänder|=armbändern|=armbands)",
      "(=armreif|=armreifen|=armreife)",
      "(=armkette|=armketten|=armkettchen)",
    ],
    necklace: [
      "(=halskette|=halsketten)",
      "(=kette|=ketten|=kettchen)",
      "(=anhänger|=anhängern)",
      "(=collier|=colliers)",
      "=medaillon",
    ],
    ring: [
      "(=ring|=ringe|=ringen|=rings)",
      "(=verlobungsring|=verlobungsringe|=verlobungsringen)",
      "(=ehering|=eheringe|=trauring|=trauringe|=siegelring|=siegelringe|=solitärring|=memoirering)",
    ],
  },
  metal: {
    rose_gold: ["(=roségold|=rotgold|=rosegold)", "(=rosé|=rose|=rot) =gold"],
    white_gold: ["=weißgold", "=weiß =gold"],
    yellow_gold: ["=gelbgold", "=gelb =gold"],
    platinum: ["(=platin)"],
    silver: [
      "(=silber|=sterlingsilber|=silbern|=silberne|=silbernen|=silberner|=silbernes|=versilbert|=versilberte|=versilberten)",
    ],
    gold: [
      "(=golden|=goldene|=goldenen|=goldener|=goldenes|=goldfarben|=vergoldet|=vergoldete|=vergoldeten|=echtgold)",
    ],
  },
  terms: {
    diamond: ["(=diamant|=diamanten|=brillant|=brillanten|=brillis)"],
    pearl: ["(=perle|=perlen)"],
    sapphire: ["(=saphir|=saphire|=saphiren)"],
    emerald: ["(=smaragd|=smaragde)"],
    ruby: ["(=rubin|=rubine)"],
    solitaire: ["=solitär"],
    eternity: ["=memoire"],
    "lab grown": ["(=laborgezüchtet|=laborgezüchtete|=laborgezüchteten|=labordiamant|=labordiamanten)"],
    heart: ["(=herz|=herzen|=herzchen)"],
    dainty: [
      "(=zierlich|=zierliche|=zierlichen|=schlicht|=schlichte|=schlichten|=filigran|=filigrane|=dezent|=dezente|=dünn|=dünne)",
    ],
    chunky: ["(=breit|=breite|=breiten|=massiv|=massive|=klobig|=auffällig|=auffällige)"],
    vintage: ["(=vintage|=antik|=antike|=retro)"],
  },
  gift: [
    "(=geschenk|=geschenke|=geschenkidee|=geschenkideen|=schenken|=verschenken|=zum verschenken)",
    `=für (=meine|=meinen|=meiner|=die|=den|=eine|=einen)? ${PERSON}`,
    "=für (=sie|=ihn)",
  ],
  occasion: {
    anniversary: ["(=jahrestag|=hochzeitstag|=jubiläum)"],
    birthday: ["(=geburtstag|=geburtstags|=geburtstagsgeschenk)"],
    valentines_day: ["(=valentinstag|=valentin)"],
    mothers_day: ["=muttertag"],
    fathers_day: ["=vatertag"],
    christmas: ["(=weihnachten|=weihnachtsgeschenk|=nikolaus|=advent)"],
    graduation: ["(=abschluss|=abitur|=abi|=examen)"],
    wedding: ["(=hochzeit|=trauung) !(=stag)"],
  },
  readyTrue: [
    "=auf lager",
    "(=sofort|=schnell) (=lieferbar|=verfügbar|=versandbereit|=da)",
    "(=versandfertig|=versandbereit|=lagernd)",
    "(=schneller|=schnelle|=schnellen|=express|=expresse) (=versand|=lieferung)",
    "(=expressversand|=expresslieferung|=eilversand)",
    "(=eilig|=dringend|=so schnell wie möglich|=möglichst schnell|=asap)",
    "(=brauche|=benötige|=bekommen|=haben|=erhalten|=ankommen|=da sein) __ (=bis|=vor) (=morgen|=freitag|=samstag|=zum wochenende|=weihnachten|=valentinstag|=muttertag|=ihrem geburtstag|=unserem jahrestag)",
  ],
  readyFalse: [
    "(=auf bestellung|=nach bestellung gefertigt|=wird angefertigt)",
    "(=keine eile|=kein stress|=hat zeit|=nicht eilig|=ich kann warten|=eilt nicht)",
  ],
  intents: {
    track_order: {
      strong: [
        `=wo (=ist|=sind|=bleibt|=bleiben) (=meine|=mein|=die|=das|=der|=meinen|=unsere) ${ITEM}`,
        "(=sendungsverfolgung|=sendungsnummer|=trackingnummer|=tracking nummer|=trackinglink|=verfolgen|=nachverfolgen|=nachverfolgung)",
        "(=bestellstatus|=lieferstatus|=versandstatus)",
        "=status (=meiner|=der|=von meiner) (=bestellung|=lieferung)",
        "=wann (=kommt|=kommen|=erhalte|=bekomme|=kriege|=wird|=werden|=ist|=geht|=trifft) __ (=an|=geliefert|=versandt|=verschickt|=da|=raus|=ein|=ankommen|=bestellung|=paket|=lieferung|=ring|=kette)",
        "=wann kommt",
        "=noch (=nicht|=nichts) (=angekommen|=erhalten|=geliefert|=da|=bekommen)",
        "=nicht (=angekommen|=geliefert)",
        "(=paket|=pakete)",
        "(=schon|=bereits) (=versandt|=verschickt|=unterwegs|=raus)",
        "=wurde __ (=versandt|=verschickt|=geliefert)",
        "(=bestellung|=paket|=lieferung) (=verloren|=verschwunden|=verspätet)",
        "re(wo):wo (?:ist|bleibt) (?:meine |die )?(?:bestellung )?#?\\d{3,12}",
      ],
      weak: ["(=meine|=mein) (=bestellung|=lieferung|=sendung)", "(=versandt|=geliefert)"],
    },
    return_exchange: {
      strong: [
        "(=zurückgeben|=zurückgegeben|=zurückgebe|=rückgabe|=retoure|=retournieren)",
        "(=rücksendung|=zurückschicken|=zurückschicke|=zurücksenden|=zurückgeschickt|=zurückzuschicken)",
        "(=erstattung|=rückerstattung|=erstatten|=erstattet|=geld zurück)",
        "(=umtauschen|=umtausch|=tauschen|=umgetauscht|=eintauschen)",
        "(=widerruf|=widerrufen|=widerrufsrecht)",
        "(=stornieren|=stornierung|=storniert)",
        "(=passt|=passen|=gefällt|=gefallen) (=mir)? (=nicht|=leider nicht)",
        "=falsche (=größe|=ring|=artikel|=kette)",
        "(=kaputt|=beschädigt|=defekt) (=angekommen|=geliefert|=erhalten)",
      ],
      weak: ["=nicht (=zufrieden)", "(=beschädigt|=defekt)"],
    },
    sizing: {
      strong: [
        "(=ringgröße|=ringgrößen|=ringmaß|=fingergröße|=fingerumfang)",
        "(=welche|=welcher|=was für eine) (=größe|=ringgröße)",
        "(=größentabelle|=größenberater|=größenratgeber|=größentabellen|=ringmaßband|=ringmesser)",
        "=größe (=ändern|=anpassen|=messen|=herausfinden|=bestimmen|=ermitteln)",
        "(=weiten|=weiten lassen|=enger machen|=kleiner machen|=größer machen|=anpassen lassen|=verkleinern|=vergrößern)",
        "=meine größe",
      ],
      weak: ["=zu (=groß|=klein|=eng|=weit|=locker)", "re(grosse|groesse):gr(?:o|oe)sse(?! \\d)"],
    },
    care_warranty: {
      strong: [
        "(=reinigen|=reinigung|=sauber machen|=putzen|=säubern)",
        "(=pflege|=pflegen|=pflegehinweise)",
        "(=garantie|=gewährleistung)",
        "(=reparieren|=reparatur|=repariert|=reparaturen)",
        "(=kaputt|=gebrochen|=abgebrochen|=zerbrochen|=gerissen|=verbogen)",
        "(=angelaufen|=anlaufen|=läuft an|=laufen an|=verfärbt|=verfärbung|=schwarz geworden|=oxidiert)",
        "(=polieren|=aufpolieren)",
        "=stein __ (=verloren|=rausgefallen|=herausgefallen|=locker|=fehlt)",
      ],
      weak: ["=verschluss"],
    },
    financing: {
      strong: [
        "(=ratenzahlung|=ratenkauf|=in raten|=raten|=teilzahlung|=monatsraten)",
        "(=finanzierung|=finanzieren|=finanziert)",
        "=später (=bezahlen|=zahlen)",
        "=auf rechnung",
      ],
      weak: ["(=zahlungsarten|=zahlungsmöglichkeiten|=zahlungsmethoden|=bezahlmöglichkeiten)"],
    },
    stylist_contact: {
      strong: [
        "(=berater|=beraterin|=beratung|=kundenberater|=kundenberaterin|=stilberater|=stilberaterin)",
        "(=ein|=einem|=einen) (=mensch|=menschen)",
        "(=echte|=echten|=echter|=realen|=reale) (=person|=mensch|=menschen|=mitarbeiter)",
        "=mit (=jemandem|=jemand|=einem mitarbeiter|=einer mitarbeiterin|=einem menschen|=einer person|=ihnen|=euch) __ (=sprechen|=reden|=chatten|=telefonieren)",
        "(=kundenservice|=kundendienst|=kundensupport|=support team)",
        "(=termin|=terminvereinbarung|=beratungstermin)",
        "(=rückruf|=zurückrufen|=ruft mich|=rufen sie mich)",
        "(=mitarbeiter|=mitarbeiterin|=verkäufer|=verkäuferin|=juwelier|=goldschmied)",
        "=bist du (=ein|=eine) (=bot|=roboter|=ki|=mensch)",
      ],
      weak: ["=jemand (=der|=die)"],
    },
    customization: {
      strong: [
        "(=individuell|=individuelle|=individuellen|=individualisiert)",
        "(=personalisieren|=personalisiert|=personalisierte|=personalisierten|=personalisierung)",
        "(=gravur|=gravieren|=graviert|=gravierte|=eingravieren|=eingraviert|=gravuren)",
        "(=nach maß|=sonderanfertigung|=einzelanfertigung|=maßanfertigung|=anfertigen lassen|=unikat)",
        "(=selbst|=eigenen|=eigenes|=eigene) (=gestalten|=entwerfen|=design|=entwurf)",
      ],
    },
    faq: {
      strong: [
        "(=versandkosten|=lieferkosten|=versandgebühren|=porto)",
        "(=lieferzeit|=lieferzeiten|=versanddauer|=lieferdauer|=bearbeitungszeit)",
        "(=versand|=lieferung|=liefern|=versenden|=verschicken) (=sie|=ihr)? (=nach|=ins ausland|=international|=in die schweiz|=nach österreich)",
        "=wie lange __ (=versand|=lieferung|=dauert)",
        "(=laborgezüchtete|=laborgezüchtet|=laborgezüchteten|=labordiamanten|=labordiamant|=im labor gezüchtet|=synthetische diamanten)",
        "(=richtlinien|=richtlinie|=agb|=datenschutz|=widerrufsbelehrung)",
        "(=öffnungszeiten|=ladengeschäft|=filiale|=showroom)",
        "(=kostenloser|=kostenlose|=gratis) (=versand|=lieferung|=rücksendung)",
        "=aus (=welchem|=was für) (=material|=metall)",
        "(=zertifikat|=zertifikate|=punze|=echtheitszertifikat)",
        "(=gutschein|=rabatt|=rabattcode|=gutscheincode|=geschenkverpackung)",
      ],
    },
  },
  greeting: ["(=hallo|=servus|=moin|=moinmoin|=grüß gott|=grüezi|=guten tag|=guten morgen|=guten abend)"],
  thanks: {
    strong: [
      "(=danke|=vielen dank|=danke schön|=dankeschön|=herzlichen dank|=besten dank|=danke sehr)",
      "(=tschüss|=tschüs|=auf wiedersehen|=schönen tag|=bis bald|=ciao)",
    ],
    weak: ["(=super|=perfekt|=toll|=alles klar|=prima|=passt|=okay|=gut|=wunderbar|=klasse)"],
  },
  request: [
    "(=ich suche|=suche|=wir suchen|=suchen)",
    "(=zeig|=zeige|=zeigen sie|=zeigt) (=mir|=uns)",
    "(=geschenkidee|=geschenkideen|=ideen|=idee)",
    "(=empfehlen|=empfehlung|=empfehlungen|=empfiehlst|=empfehlt)",
    "(=vorschläge|=vorschlag|=vorschlagen|=inspiration)",
    "(=ich möchte|=ich hätte gerne|=ich hätte gern|=ich brauche|=ich will|=ich würde gerne|=wir möchten) (=einen|=eine|=ein|=kaufen|=sehen|=etwas|=verschenken)",
    "(=haben sie|=habt ihr|=gibt es|=führen sie|=verkaufen sie) (=einen|=eine|=ein|=auch|=etwas)",
    "(=kaufen|=bestellen möchte)",
    "=etwas (=für|=schönes|=besonderes)",
  ],
  productNoun: ["(=schmuck|=schmuckstück|=schmuckstücke|=stück|=stücke|=set)"],
  paging: [
    "(=mehr|=weitere|=andere|=nächste|=nächsten|=noch mehr|=mehr davon|=mehr zeigen|=weiter)",
    "=mehr (=optionen|=modelle|=vorschläge)",
  ],
  cheaper: [
    "(=billiger|=günstiger|=preiswerter|=günstig|=billig|=preisgünstig|=erschwinglich|=erschwinglicher)",
    "=zu teuer",
  ],
  pricier: ["(=teurer|=hochwertiger|=edler|=luxuriöser|=exklusiver|=luxus)", "=zu billig"],
  refine: [
    "(=stattdessen|=lieber|=eher)",
    "=und (=in|=die|=auch)",
    "(=was ist mit|=wie wäre es mit|=wie sieht es mit|=und was ist mit)",
    "(=dasselbe|=das gleiche|=die gleichen|=gleiche) (=in|=aber)",
    "=aber in",
    "=gibt es __ =auch in",
  ],
  negation: [
    "(=kein|=keine|=keinen|=keiner|=keinem|=ohne|=nicht|=außer|=ausser|=bloß kein|=bloß keine|=aber nicht|=weder|=statt|=anstatt|=anstelle von)",
  ],
};
