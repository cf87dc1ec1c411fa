// Spanish word lists (UNDERSTANDING.md, second release). Written with accents; they are optional when matching.
import type { Vocabulary } from "./vocabulary";

const PERSON =
  "(=esposa|=mujer|=marido|=esposo|=novia|=novio|=madre|=mamá|=mama|=hermana|=amiga|=amigo|=hija|=hijo|=abuela|=suegra|=tía|=prometida|=prometido|=pareja|=papá|=padre|=jefa|=compañera|=madrina|=sobrina|=mejor amiga|=damas de honor)";
const ITEM =
  "(=pedido|=pedidos|=paquete|=paquetes|=compra|=compras|=orden|=envío|=anillo|=anillos|=collar|=pulsera|=pendientes|=aretes|=joyas)";

export const ES: Vocabulary = {
  category: {
    earring: [
      "(=pendientes|=pendiente !(=de|=del))",
      "arete",
      "(=aro|=aros|=argolla|=argollas|=zarcillo|=zarcillos|=topos|=candongas|=trepadores)",
    ],
    bracelet: ["pulsera", "brazalete", "(=esclava|=esclavas)"],
    necklace: ["collar", "colgante", "cadena", "gargantilla", "(=dije|=dijes|=medalla|=medallas)"],
    ring: ["anillo", "sortija", "alianza", "solitario", "=anillo de compromiso"],
  },
  metal: {
    rose_gold: ["=oro (=rosa|=rosado|=rosada|=rojo)"],
    white_gold: ["=oro (=blanco|=blanca)"],
    yellow_gold: ["=oro (=amarillo|=amarilla)"],
    platinum: ["=platino"],
    silver: ["=plata", "=plata (=de ley|=esterlina)", "(=plateado|=plateada|=plateados|=plateadas)"],
    gold: ["=oro", "(=dorado|=dorada|=dorados|=doradas)", "(=chapado|=chapada|=bañado|=bañada) (=en)? =oro"],
  },
  terms: {
    diamond: ["diamante", "brillante"],
    pearl: ["perla"],
    sapphire: ["zafiro"],
    emerald: ["esmeralda"],
    ruby: ["=rubí", "=rubíes"],
    solitaire: ["solitario"],
    eternity: ["=eternidad"],
    "lab grown": ["=de laboratorio", "(=sintético|=sintéticos|=sintética|=sintéticas)"],
    heart: ["=corazón", "=corazones"],
    initial: ["inicial"],
    dainty: ["(=fino|=fina|=finos|=finas|=delicado|=delicada|=delicados|=delicadas|=minimalista|=sencillo|=sencilla)"],
    chunky: ["(=grueso|=gruesa|=gruesos|=gruesas|=llamativo|=llamativa)"],
  },
  gift: ["regalo", "(=regalar|=para regalar|=de regalo)", `=para (=mi|=mis|=la|=una)? ${PERSON}`, "=para ella"],
  occasion: {
    anniversary: ["=aniversario", "=aniversario de (=bodas|=boda|=novios)"],
    birthday: ["(=cumpleaños|=cumple)"],
    valentines_day: ["=san valentín", "=día de los enamorados", "=dia de los enamorados"],
    mothers_day: ["=día de la madre", "=dia de la madre", "=día de las madres"],
    fathers_day: ["=día del padre"],
    christmas: ["(=navidad|=navidades|=reyes|=reyes magos)"],
    graduation: ["(=graduación|=grado)"],
    wedding: ["=boda !(=de oro|=de plata)"],
  },
  readyTrue: [
    "=en stock",
    "(=envío|=entrega) (=inmediato|=inmediata|=rápido|=rápida|=express|=urgente|=en 24 horas|=mañana)",
    "(=listo|=lista|=listos|=listas) para (=enviar|=entregar|=llevar|=usar)",
    "=disponible (=ya|=ahora|=inmediatamente|=hoy)",
    "(=urgente|=cuanto antes|=lo antes posible|=con urgencia|=rápidamente)",
    "(=necesito|=lo necesito|=la necesito|=recibir|=tener|=llegue) __ (=para|=antes de|=antes del) (=mañana|=el viernes|=el sábado|=el fin de semana|=navidad|=san valentín|=su cumpleaños|=nuestro aniversario)",
  ],
  readyFalse: [
    "(=hecho a pedido|=hecha a pedido|=bajo pedido|=por encargo|=sobre pedido)",
    "(=sin prisa|=no tengo prisa|=no hay prisa|=no es urgente|=puedo esperar|=sin apuro)",
  ],
  intents: {
    track_order: {
      strong: [
        `=dónde (=está|=están|=esta|=estan|=anda) (=mi|=mis|=el|=la|=los) ${ITEM}`,
        "(=seguimiento|=rastrear|=rastreo|=rastrearlo|=número de seguimiento|=numero de seguimiento)",
        "=estado (=de|=del) (=mi|=la|=el)? (=pedido|=orden|=envío|=compra)",
        "=cuándo (=llega|=llegará|=llegan|=llegarán|=me llega|=me llegará|=recibiré|=recibo|=lo recibo|=la recibo|=voy a recibir|=sale|=saldrá|=lo envían|=lo enviarán|=envían|=enviarán)",
        "=no (=me)? (=ha|=han)? (=llegado|=llegó|=recibido)",
        "=no he recibido",
        "=paquete",
        "(=ya|=todavía no|=aún no) (=lo|=la|=me lo)? (=enviaron|=han enviado|=salió|=ha salido|=fue enviado|=fue enviada|=llegó)",
        "(=pedido|=paquete) (=perdido|=retrasado|=atrasado|=extraviado)",
        "re(donde):donde (?:esta|estan) (?:mi |el )?(?:pedido )?#?\\d{3,12}",
      ],
      weak: ["(=mi|=mis) (=pedido|=pedidos|=orden|=envío)", "(=enviado|=entregado)"],
    },
    return_exchange: {
      strong: [
        "(=devolver|=devuelvo|=devolverlo|=devolverla|=devolución|=devoluciones|=devuelto)",
        "(=reembolso|=reembolsar|=reembolsos|=reembolsado|=me devuelvan el dinero)",
        "re(cambio|cambios):(?<!en )cambio(?:s)?(?![a-z0-9])(?! de (?:talla|tamano|medida))",
        "(=cambiarlo|=cambiarla|=cambiar) !(=la talla|=el tamaño|=de talla|=la medida)",
        "=no (=me)? (=queda|=quedan|=sirve|=gusta|=gustó|=convence)",
        "(=talla|=medida) (=incorrecta|=equivocada)",
        "(=cancelar|=cancelación|=anular)",
        "(=llegó|=llego|=vino) (=roto|=rota|=dañado|=dañada|=rayado|=rayada|=defectuoso|=defectuosa)",
      ],
      weak: ["=no estoy (=contento|=contenta|=satisfecho|=satisfecha)", "(=defectuoso|=defectuosa|=dañado|=dañada)"],
    },
    sizing: {
      strong: [
        "(=qué|=que|=cuál|=cual) (=talla|=medida|=tamaño)",
        "(=guía|=tabla) de (=tallas|=medidas)",
        "(=ajustar|=agrandar|=achicar|=reducir|=ampliar) (=el|=mi|=la|=un)? (=anillo|=sortija|=talla|=alianza)?",
        "(=cambiar|=cambio) (=de|=la)? (=talla|=medida)",
        "(=medir|=saber|=conocer|=encontrar) (=mi|=su|=la)? (=talla|=medida|=dedo)",
        "(=mi|=su) =talla",
        "=medidor de anillos",
      ],
      weak: [
        "(=muy|=demasiado) (=grande|=pequeño|=pequeña|=apretado|=apretada|=flojo|=floja)",
        "re(talla|tallas):tallas?(?! \\d)",
      ],
    },
    care_warranty: {
      strong: [
        "(=limpiar|=limpieza|=limpio|=limpiarlo|=limpiarla)",
        "(=cuidado|=cuidados|=cuidar|=cuidarlo|=cuidarla|=mantenimiento)",
        "(=garantía|=garantia|=garantías)",
        "(=reparar|=reparación|=reparacion|=arreglar|=arreglo|=repararlo)",
        "(=roto|=rota|=rotos|=rotas|=rompió|=rompio|=se ha roto|=doblado|=doblada)",
        "(=oscurecido|=oscurecida|=oxidado|=oxidada|=se puso negro|=se ha puesto negro|=manchado|=pierde el color|=ennegrecido)",
        "(=pulir|=pulido)",
        "(=perdí|=perdi|=se cayó|=se cayo|=se salió|=falta) (=una|=la|=el)? (=piedra|=diamante|=circonita)",
      ],
      weak: ["=cierre", "=broche"],
    },
    financing: {
      strong: [
        "(=pago|=pagar|=pagos) (=a|=en) (=plazos|=cuotas|=meses)",
        "(=a plazos|=en cuotas|=cuotas|=meses sin intereses|=sin intereses)",
        "(=financiación|=financiacion|=financiamiento|=financiar|=financiado)",
        "=pagar (=después|=despues|=más tarde|=mas tarde|=luego|=a fin de mes)",
        "(=aplazame|=aplazar el pago|=pago aplazado|=pago fraccionado|=fraccionar)",
      ],
      weak: ["(=formas|=métodos|=opciones|=medios) de pago"],
    },
    stylist_contact: {
      strong: [
        "(=asesor|=asesora|=asesores|=asesoras|=asesoramiento)",
        "(=una|=un) (=persona real|=persona de verdad|=humano|=ser humano)",
        "(=hablar|=chatear|=comunicarme) (=con) (=alguien|=una persona|=un asesor|=una asesora|=un agente|=un humano|=ustedes|=un vendedor|=una vendedora|=un experto|=un joyero|=la tienda)",
        "(=atención al cliente|=servicio al cliente|=atencion al cliente|=servicio de atención)",
        "(=agente|=agentes)",
        "(=pedir cita|=una cita|=reservar cita|=agendar)",
        "(=llamarme|=que me llamen|=me pueden llamar|=contactar con)",
        "(=vendedor|=vendedora|=joyero|=joyera)",
        "=eres (=un|=una) (=robot|=bot|=ia|=humano|=persona)",
      ],
      weak: ["=alguien (=que|=para)"],
    },
    customization: {
      strong: [
        "(=personalizar|=personalizado|=personalizada|=personalizados|=personalizadas|=personalización)",
        "(=a medida|=hecho a medida|=hecha a medida)",
        "(=grabado|=grabar|=grabación|=grabada|=gravado|=grabarle)",
        "(=diseñar|=crear) (=mi|=un|=una|=nuestro|=nuestra) (=propio|=propia)? (=anillo|=joya|=diseño|=collar|=alianza)",
        "(=diseño|=modelo) (=propio|=único|=exclusivo)",
        "=pieza única",
      ],
    },
    faq: {
      strong: [
        "(=plazo|=plazos|=gastos|=costo|=costos|=coste|=costes|=precio|=tiempo|=tiempos) (=de) (=envío|=envio|=entrega)",
        "(=envío|=envio|=entrega) (=gratis|=gratuito|=gratuita|=internacional|=al extranjero|=a méxico|=a españa)",
        "(=envían|=envian|=hacen envíos|=hacen envios|=mandan) (=a|=al|=fuera)",
        "=cuánto (=tarda|=tardan|=demora|=tiempo tarda) __ (=envío|=envio|=entrega|=llegar)",
        "(=diamante|=diamantes) (=de|=en) =laboratorio",
        "(=diamante|=diamantes) (=sintético|=sintéticos|=naturales|=natural|=éticos)",
        "(=política|=politica|=políticas|=politicas|=términos y condiciones)",
        "(=tienda física|=tienda fisica|=horario|=horarios|=dónde están ubicados)",
        "=de qué (=material|=metal|=está hecho|=están hechos|=es)",
        "(=certificado|=certificados)",
        "(=tarjeta regalo|=código de descuento|=descuento|=descuentos|=cupón|=rebajas)",
      ],
    },
  },
  greeting: ["(=hola|=buenas|=buenos días|=buenos dias|=buenas tardes|=buenas noches|=saludos|=qué tal)"],
  thanks: {
    strong: [
      "(=gracias|=muchas gracias|=mil gracias|=grax)",
      "(=adiós|=adios|=hasta luego|=chao|=chau|=hasta pronto|=que tenga buen día)",
    ],
    weak: ["(=perfecto|=genial|=vale|=de acuerdo|=estupendo|=muy bien|=listo|=ok)"],
  },
  request: [
    "(=busco|=estoy buscando|=buscando|=buscamos)",
    "(=muéstrame|=muestrame|=enséñame|=ensename|=muéstrenme|=muestrenme|=quiero ver)",
    "(=idea|=ideas) (=de regalo|=para regalar)?",
    "(=recomendar|=recomiendas|=recomienda|=recomiendan|=recomendación|=recomendaciones|=me recomiendas)",
    "(=sugerir|=sugieres|=sugerencia|=sugerencias)",
    "(=quiero|=quisiera|=me gustaría|=me gustaria|=necesito|=deseo) (=un|=una|=unos|=unas|=comprar|=ver|=regalar|=algo)",
    "(=tienen|=tienes|=venden|=hay) (=algún|=alguna|=algo|=un|=una|=unos|=unas)",
    "(=comprar|=compro)",
    "=algo (=para|=de|=en|=bonito|=especial)",
  ],
  productNoun: ["(=joya|=joyas|=pieza|=piezas|=conjunto|=juego)"],
  paging: [
    "(=más|=mas)",
    "(=otros|=otras|=otro|=otra)",
    "(=siguiente|=siguientes)",
    "(=ver|=muéstrame|=muestrame|=enséñame) (=más|=mas)",
    "(=más|=mas) (=opciones|=modelos)",
  ],
  cheaper: [
    "(=más|=mas) (=barato|=barata|=baratos|=baratas|=económico|=económica|=económicos|=económicas)",
    "(=barato|=barata|=baratos|=baratas|=económico|=económica|=económicos|=económicas)",
    "(=muy|=demasiado) (=caro|=cara|=caros|=caras)",
    "=menos (=caro|=cara|=caros|=caras)",
  ],
  pricier: [
    "(=más|=mas) (=caro|=cara|=caros|=caras|=exclusivo|=exclusiva|=lujoso|=lujosa)",
    "(=de lujo|=alta gama|=gama alta)",
  ],
  refine: [
    "(=en cambio|=mejor en|=en su lugar|=en vez)",
    "=y (=en|=los|=las|=unos|=unas)",
    "=qué tal (=en|=los|=las|=con|=unos|=unas)",
    "(=lo mismo|=los mismos|=las mismas|=igual) (=en|=pero)",
    "=pero en",
  ],
  negation: [
    "(=no|=sin|=ni|=excepto|=salvo|=menos|=nada de|=todo menos|=cualquier cosa menos|=pero no|=en vez de|=en lugar de)",
  ],
};
