// Everyday words of each language (folded: lower-case, no accents) that the spelling corrector must never
// "fix" although a lexicon word lies within an edit or two. Real words near the lexicon that are rarer than
// these come from the dictionaries (guardWords.ts, generated); this list is the frequent core, kept by hand.
import type { Lang } from "./phrases";

const words = (s: string): readonly string[] => s.trim().split(/\s+/);

export const COMMON_WORDS: Record<Lang, readonly string[]> = {
  en: words(`
    about after again against along already also always another around asked because before being below
    better between bought bring brought change changed check choose close could didnt doing during either
    enough every first found friend friends from given going great happy having hello hours house inside
    instead later leave least letter light little looking maybe might money month months morning mother
    never night nothing number often other others people place please pretty price prices quite rather
    really right second seems should since sister small something sorry start still store story street
    sure taking thank thanks their there these thing things think those though three through today
    together tonight totally tried trying under until using usually very wanted wants watch water where
    which while whole would write wrong years yellow young older silent sealed pending turning
    tracing ranking banking earning learning warning yearning dangle dangles jangle single
    button cotton silk metal metals medal spring string strings stringy wrist ankle anklet choke chose
    reform deform refine refined defund demand repaid repay payed played prayer player layer layers
    packed racked ringed bangs angle angles tangle tangled mangle bungle jungle engage engaged engrossed
    emerge merge surge serve nerve verve curve swerve survey surveys status statue statues stature
    bracket brackets sliver slivers planet plant plants plate plated platen patina fiance fiancee wedding
    bedding ringing bring brings bringing spring springs string stringing wring wrings worth worthy
    weight weights eight height heights white whites while whale wheel written writes return returns
    turned turns burn burned learn learned yearn earned warned scorned adorned morning mourning evening
    cheap cheaper cheapest chance chances charge charged change changes chain chains chair chairs
    thanks thank thanked thinking thinks drinks shrink shrinks shrank shrunk frank franks crank blank
    plank plane planes plans planned planning alone along among amount amounts mount mounts mounted
    count counts counted county court courts could would should shoulder soldier solder soldered
    model models modern modest moment moments movie movies music musical myself yourself herself
    himself itself ourselves themselves anyone anybody anything anywhere everyone everything everywhere
    someone somebody somewhere nowhere nobody without within outside inside upside beside besides
    across above below behind beyond toward towards almost already although always
    office offices coffee letter letters better bitter butter matter matters master masters
    mister sister sisters brother brothers mother mothers father fathers daughter daughters
    cousin cousins uncle aunts niece nephew family families parent parents friend friends
    school schools class classes college student students teacher teachers colleague colleagues
    boss bosses party parties dinner dinners lunch breakfast birthday birthdays holiday holidays
    weekend weekends monday tuesday wednesday thursday friday saturday sunday january february
    march april august september october november december summer winter autumn spring season
    phone phones email emails address addresses website online offline account accounts login
    password payment payments paypal credit debit cards visa receipt receipts invoice invoices
    question questions answer answers problem problems issue issues reason reasons
    minute minutes second seconds hour hours week weeks month months year years today tomorrow
    yesterday morning evening afternoon night tonight early later soon sooner latest
    great greater greatest large larger largest small smaller smallest short shorter longest
    heavy lighter thicker thinner wider narrow deeper bright brighter darker lovely beautiful
    pretty prettier simple simpler elegant classic classy fancy cute perfect perfectly
    exactly really actually finally probably possibly maybe definitely certainly honestly
    sorry excuse pardon hello goodbye cheers thanks welcome
    order orders ordered ordering shipping shipped delivery delivered arrive arrived arrival
    refund refunds return returns returned exchange exchanges exchanged resize resized
    necklace necklaces earring earrings bracelet bracelets pendant pendants rings diamond diamonds
    silver golden platinum sterling jewelry jewellery gemstone gemstones crystal crystals
    color colors colour colours style styles design designs shape shapes
    three seven eight eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty
    thirty forty fifty sixty seventy eighty ninety hundred hundreds thousand thousands grand dollar dollars
  `),
  fr: words(`
    bonjour bonsoir salut merci beaucoup voudrais voulez voulons veulent pourrais pourriez pouvez
    cherche cherchons cherchez chercher trouver trouve trouvez acheter achete achat achats offrir
    offert offerte cadeau cadeaux femme femmes marie mari copine copain amie amies maman mere soeur
    frere famille enfant enfants fille filles garcon anniversaire mariage fiancailles noel
    commande commandes commander commande livraison livrer livre livree colis paquet envoi envoyer
    envoye retour retours retourner rembourser remboursement echange echanger taille tailles
    bague bagues alliance alliances collier colliers pendentif pendentifs chaine chaines boucles
    oreilles bracelet bracelets montre montres bijou bijoux argent platine diamant diamants perle
    perles pierre pierres rouge blanc blanche jaune noire noir bleu bleue verte rose
    aujourd aujourdhui demain semaine semaines mois annee annees heure heures minute minutes
    quelque quelques chose choses autre autres encore toujours jamais souvent depuis pendant avant
    apres comme comment combien pourquoi quand parce puisque lorsque alors aussi ainsi donc
    toutes toute tous cette celle celui ceux celles notre votre leurs leur nous vous elles
    avoir etre faire aller venir voir savoir pouvoir vouloir devoir prendre donner mettre
    suis sommes etes sont avons avez ont etais etait etions etiez etaient serai sera serons
    fais fait faites font vais allez allons vont peux peut pouvons peuvent dois doit devons
    doivent veux veut voulez prends prend prenons prennent donne donnez donnons mets met
    petit petite petits petites grand grande grands grandes joli jolie jolis jolies belle belles
    beau beaux nouveau nouvelle nouveaux nouvelles ancien ancienne vieux vieille simple simples
    elegant elegante moderne classique fine fines epais epaisse large larges longue longueur
    moins plus tres trop assez peu bien mieux meilleur meilleure meilleurs pire rapide rapidement
    possible impossible besoin envie idee idees question questions reponse probleme problemes
    client clients cliente service magasin boutique site internet adresse telephone courriel
    prix cher chere chers cheres budget euros paiement payer paye carte credit
    merci bonne journee soiree revoir plait svp excusez pardon desole desolee
    quelqu quelquun personne personnes humain conseiller conseillere
    chaise chaises table tables porte portes
  `),
  es: words(`
    hola buenos buenas tardes noches gracias muchas favor quiero quisiera queria quieres quiere
    busco buscando buscar encontrar encuentro comprar compra compras regalo regalos regalar
    esposa esposo marido mujer novia novio amiga amigo madre padre hermana hermano familia
    hija hijo cumpleanos aniversario boda navidad pedido pedidos pedir paquete envio enviar
    enviado devolver devolucion reembolso cambiar cambio talla tallas anillo anillos sortija
    collar collares colgante cadena cadenas pendientes aretes pulsera pulseras reloj joya joyas
    plata platino diamante diamantes perla perlas piedra piedras blanco blanca amarillo amarilla
    rosado rosada negro negra rojo azul verde
    manana semana semanas meses horas minutos siempre nunca tambien todavia despues antes
    ahora luego entonces porque cuando donde como cuanto cuanta cuantos cuantas quien quienes
    todos todas otro otra otros otras nuestro nuestra vuestro ellos ellas usted ustedes
    tener tengo tiene tienen tenemos hacer hago hace hacen poder puedo puede pueden podemos
    estar estoy esta estan estamos tenia tenias llegar llega llego llegado recibir recibido
    pequeno pequena grande grandes bonito bonita bonitos bonitas nuevo nueva nuevos nuevas
    elegante sencillo sencilla clasico clasica moderno moderna fino fina rapido rapida
    menos mucho mucha muchos muchas poco poca pocos pocas mejor peor precio precios barato
    barata caro cara presupuesto euros dolares pesos pagar pago tarjeta credito
    pregunta preguntas respuesta problema problemas cliente clientes servicio tienda
    direccion telefono correo ayuda ayudar necesito necesita alguien persona personas
    largo larga largos largas cierra cierran
  `),
  de: words(`
    hallo guten morgen abend danke vielen bitte schon schoen mochte moechte mochten moechten
    suche suchen finden kaufen gekauft schenken geschenk geschenke freundin freund frau mann
    mutter vater schwester bruder familie tochter sohn geburtstag hochzeit weihnachten
    bestellung bestellungen bestellt bestellen lieferung liefern geliefert versand versenden
    verschickt paket zuruck zurueck ruckgabe rueckgabe erstattung umtausch umtauschen grosse
    groesse ringe kette ketten halskette ohrringe armband schmuck silber platin diamant diamanten
    perle perlen stein steine weiss weisse gelb gelbe rosa schwarz schwarze blau blaue grun gruen
    heute morgen woche wochen monat monate stunde stunden minute minuten immer niemals schon
    noch jetzt dann wann warum wieso weshalb welche welcher welches wieviel wieviele
    alles alle allen andere anderen anderes etwas nichts jemand niemand unsere unser euer
    haben habe hast hatte hatten machen mache macht konnen koennen kann kannst wollen will
    willst mochten sollen soll mussen muessen muss werden werde wird wurde wurden gewesen
    kleine kleiner kleinen grosse grosser grossen schone schoene schonen schoenen neue neuer
    neuen elegant elegante einfach einfache klassisch klassische moderne dunne duenne schnell
    schnelle weniger mehr viel viele wenig besser beste bester preis preise billig billiger
    teuer budget euro bezahlen zahlung karte kredit frage fragen antwort problem probleme
    kunde kunden service laden geschaft geschaeft adresse telefon hilfe helfen brauche
    brauchen jemanden person personen mensch menschen leider entschuldigung gerne
    halle anhang anhange ringer platte platten
  `),
};
