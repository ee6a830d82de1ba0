/**
 * Demo content seeded on first start with an empty database.
 *
 * Original, fictional writing for Masthead: news from the fictional coastal city of Port Alder
 * and the wider world. Places such as Port Alder, Lorvenne, Kestrel Bay or Saltby Town, and
 * every person quoted, are invented. Stories come in clusters (the Harbour Bridge repairs, a
 * heat wave, the Kelpwise start-up, Port Alder Athletic's season, the Central Library
 * reopening, the Lorvenne twinning...) that share vocabulary and tags, so that Related,
 * tag and category pages look like those of a real local news site.
 */

export interface DemoCategory {
  slug: string;
  name: string;
  /** Parent category slug. */
  parent?: string;
  description: string;
}

export interface DemoAuthor {
  slug: string;
  name: string;
  bio: string;
}

export interface DemoArticle {
  slug: string;
  title: string;
  summary: string;
  /** Markdown: several paragraphs, at least one `##` subheading. */
  body: string;
  /** A category slug (a leaf or a parent). */
  category: string;
  /** 2–4 lowercase tag names, each shared with other articles. */
  tags: string[];
  /** Author slug. */
  author: string;
  /** Published this many hours before seeding. */
  hoursAgo: number;
  /** Editor's pick. */
  recommended?: boolean;
  /** Starting view count. */
  views?: number;
  /** Starting reaction count. */
  reactions?: number;
}

/** Joins Markdown blocks (paragraphs, headings, lists, quotes) with blank lines. */
function md(...blocks: string[]): string {
  return blocks.join('\n\n');
}

export const demoCategories: readonly DemoCategory[] = [
  {
    slug: 'port-alder',
    name: 'Port Alder',
    description: 'City hall, the harbour, transport, weather and neighbourhood news from Port Alder.',
  },
  {
    slug: 'world',
    name: 'World',
    description: 'International news, with an eye on the oceans, shipping and the climate.',
  },
  {
    slug: 'europe',
    name: 'Europe',
    parent: 'world',
    description: 'News from across Europe, including our twin town of Lorvenne in Brittany.',
  },
  {
    slug: 'asia',
    name: 'Asia',
    parent: 'world',
    description: 'News from Asia and the western Pacific, from ports and trade to ocean science.',
  },
  {
    slug: 'business',
    name: 'Business',
    description: 'Jobs, housing, the port and the companies that keep Port Alder working.',
  },
  {
    slug: 'markets',
    name: 'Markets',
    parent: 'business',
    description: 'Prices, interest rates, bonds and shares, explained for local readers.',
  },
  {
    slug: 'technology',
    name: 'Technology',
    parent: 'business',
    description: 'Start-ups, ocean technology and the digital city.',
  },
  {
    slug: 'sports',
    name: 'Sports',
    description: 'Sailing, rowing, running and every other sport played in and around Alder Sound.',
  },
  {
    slug: 'football',
    name: 'Football',
    parent: 'sports',
    description: 'Port Alder Athletic, the Coastal League and the regional cup.',
  },
  {
    slug: 'culture',
    name: 'Culture',
    description: 'Music, museums, art and the festivals that fill the city every summer.',
  },
  {
    slug: 'books',
    name: 'Books',
    parent: 'culture',
    description: 'Libraries, local authors, the book festival and what Port Alder is reading.',
  },
];

export const demoAuthors: readonly DemoAuthor[] = [
  {
    slug: 'maren-holt',
    name: 'Maren Holt',
    bio: 'City reporter covering council, transport and the harbour. Maren has reported on Port Alder for twelve years and still takes the ferry to work.',
  },
  {
    slug: 'tomas-ferreira',
    name: 'Tomás Ferreira',
    bio: 'Business and technology editor. Tomás follows the port, the housing market and the start-ups moving into the waterfront.',
  },
  {
    slug: 'anika-rao',
    name: 'Anika Rao',
    bio: 'World affairs correspondent writing about shipping, climate and ocean science, and about Port Alder\'s links with its twin town of Lorvenne.',
  },
  {
    slug: 'callum-doyle',
    name: 'Callum Doyle',
    bio: 'Sports reporter. Callum has covered Port Alder Athletic home and away for eight seasons and sails badly on weekends.',
  },
  {
    slug: 'june-whitaker',
    name: 'June Whitaker',
    bio: 'Culture and books editor covering music, museums, the library and the Port Alder Book Festival.',
  },
];

export const demoArticles: readonly DemoArticle[] = [
  // ---------------------------------------------------------------- Port Alder: the Harbour Bridge
  {
    slug: 'harbour-bridge-corrosion-lane-closures',
    title: 'Inspectors find corrosion on Harbour Bridge hangers, order lane closures',
    summary:
      'A routine inspection of the 1968 Alder Harbour Bridge found corroded steel hangers, and the city has closed two of its four lanes while engineers assess the damage.',
    body: md(
      `Two of the four lanes on the Alder Harbour Bridge closed at 6 a.m. on Tuesday after a routine inspection found corrosion on several of the steel hangers that carry the bridge deck, city officials said. The crossing links Old Quay with Northbank and carries about 41,000 vehicles a day.`,
      `Chief city engineer Gareth Pell said the bridge remained safe for reduced traffic, but that the weight limit had been lowered to 12 tonnes as a precaution. Buses and delivery trucks are being diverted through the Fenwick Hill tunnel, adding up to 20 minutes to some journeys.`,
      `## What the inspectors found`,
      `The inspection report, published on the [city's infrastructure page](https://portalder.example/infrastructure/harbour-bridge), lists:`,
      `- surface rust and section loss on 14 of the 86 hangers
- water pooling at two expansion joints on the northern span
- cracked paint and exposed steel along the lower chord`,
      `"The corrosion is concentrated where salt spray and drainage problems meet," Mr. Pell told reporters. "We caught it at a stage where it can be repaired, not rebuilt."`,
      `Engineers will spend the next three weeks taking samples and modelling loads before presenting a repair plan and a cost estimate to city council. Cyclists and pedestrians can continue to use the bridge's footpath.`,
    ),
    category: 'port-alder',
    tags: ['harbour bridge', 'infrastructure', 'city council'],
    author: 'maren-holt',
    hoursAgo: 470,
    views: 16900,
    reactions: 212,
  },
  {
    slug: 'harbour-bridge-repairs-cost-38-million',
    title: 'Harbour Bridge repairs will cost $38 million, engineers tell council',
    summary:
      'City engineers told council that replacing the corroded hangers and drainage on the Alder Harbour Bridge will cost about $38 million and require a long closure to vehicles.',
    body: md(
      `Repairing the Alder Harbour Bridge will cost about $38 million and require a full closure to vehicles for up to five months, city engineers told a packed council committee meeting on Monday evening.`,
      `The estimate covers replacing all 86 steel hangers rather than only the 14 found to be corroded, as well as rebuilding the deck drainage that allowed salt water to collect on the steelwork. Chief city engineer Gareth Pell said replacing the hangers piecemeal would save money now but "guarantee we are back here in five years."`,
      `## Three options on the table`,
      `Councillors were presented with three options:`,
      `1. Full replacement of hangers and drainage, with a five-month closure to vehicles ($38 million)
2. Phased repairs with single-lane traffic over 18 months ($44 million)
3. Replacing only the damaged hangers, with a new inspection in two years ($15 million)`,
      `Councillor Sofia Brandt, who represents Northbank, said her constituents would struggle with any full closure. "People in Northbank work in Old Quay, shop in Old Quay and take their children to school in Old Quay," she said.`,
      `The committee will vote on a preferred option next week. Staff are also studying whether extra ferry sailings across the Sound could absorb some of the displaced commuters.`,
    ),
    category: 'port-alder',
    tags: ['harbour bridge', 'infrastructure', 'city council'],
    author: 'maren-holt',
    hoursAgo: 384,
    views: 9800,
    reactions: 134,
  },
  {
    slug: 'council-approves-bridge-repair-plan-extra-ferries',
    title: 'Council approves $38 million bridge repair plan and extra ferries during closure',
    summary:
      'Port Alder city council voted 9–2 to close the Alder Harbour Bridge to vehicles for repairs and to pay for extra ferry sailings across the Sound.',
    body: md(
      `Port Alder city council voted 9–2 on Wednesday night to close the Alder Harbour Bridge to cars and trucks for about five months while all of its steel hangers are replaced, choosing the fastest and most complete of the three repair options put forward by engineers.`,
      `The $38 million plan will be paid for through a mix of city reserves and a new harbour bond issue. Vehicles will be banned from the bridge from the start of next month, but the footpath will stay open to pedestrians and cyclists for most of the works.`,
      `## Ferries and buses fill the gap`,
      `To keep Northbank connected, council also approved $2.1 million for extra ferry sailings and a temporary bus loop through the Fenwick Hill tunnel. Ferries between Northbank Pier and Old Quay will run every ten minutes at peak times, up from every twenty.`,
      `> "This is not the cheapest option, but it is the one that means we will not be doing this again in a few years," Mayor Adaeze Lund said after the vote.`,
      `Councillor Owen Tarrant, one of the two members who voted against, said the city had neglected the bridge for too long and that residents were now paying twice. He asked staff to report on why drainage problems noted in earlier inspections were never fixed.`,
    ),
    category: 'port-alder',
    tags: ['harbour bridge', 'city council', 'ferries'],
    author: 'maren-holt',
    hoursAgo: 264,
    views: 18400,
    reactions: 356,
  },
  {
    slug: 'extra-ferry-sailings-ease-bridge-closure-commute',
    title: 'Extra ferry sailings ease commute during Harbour Bridge closure',
    summary:
      'Ridership on the Northbank–Old Quay ferry has nearly tripled since the Alder Harbour Bridge closed to vehicles, and the operator says the extra sailings are coping.',
    body: md(
      `Ferries between Northbank Pier and Old Quay carried 9,800 passengers on Monday, nearly three times a normal weekday, as commuters adjusted to the closure of the Alder Harbour Bridge to vehicles.`,
      `Sound Ferries, the city-owned operator, has added two chartered vessels and now runs a crossing every ten minutes between 6 a.m. and 9 a.m. Queues at Northbank Pier stretched back to the street on the first morning but had largely cleared by the end of the week, according to staff.`,
      `## Riders adjust`,
      `"It's actually quicker than driving used to be, once you factor in parking," said Nadia Cole, a nurse who travels from Northbank to Harbour General Hospital. "The only problem is the wind on the open deck at six in the morning."`,
      `The city has made ferry trips free for holders of a monthly bus pass during the closure and added bike racks at both piers. Timetables are posted at [portalder.example/ferries](https://portalder.example/ferries).`,
      `Operators said the main pressure point was the 5 p.m. return trip, when some passengers had to wait for a second boat. A third chartered vessel is expected to join the route later this month.`,
    ),
    category: 'port-alder',
    tags: ['ferries', 'transport', 'harbour bridge'],
    author: 'maren-holt',
    hoursAgo: 204,
    views: 7400,
    reactions: 88,
  },
  {
    slug: 'night-crews-begin-replacing-harbour-bridge-hangers',
    title: 'Night crews begin replacing hangers on the Alder Harbour Bridge',
    summary:
      'Work crews have started removing the first corroded steel hangers from the Alder Harbour Bridge, working overnight so the footpath can stay open during the day.',
    body: md(
      `Under floodlights and a light drizzle, the first of the Alder Harbour Bridge's 86 corroded steel hangers was lowered onto a barge shortly after 2 a.m. on Thursday, marking the start of the main phase of repairs.`,
      `Crews are working from 9 p.m. to 5 a.m. so that the footpath can stay open to walkers and cyclists during the day. Each hanger is held by a pair of temporary steel jacks before it is cut free, inspected and replaced with a galvanised unit made at a fabrication yard up the coast.`,
      `## A slow, careful rhythm`,
      `Site manager Priya Olsen said the team expected to replace two or three hangers a night once the process settled in. "The first one is always the slowest," she said. "We measure everything twice, because the bridge is telling us how it carries load as we go."`,
      `Residents of Old Quay have been warned to expect noise from generators and cutting equipment. The city has set up a [construction hotline](https://portalder.example/harbour-bridge/hotline) and says the noisiest work will stop by midnight on weeknights.`,
      `Removed hangers will be sent to the Port Alder University engineering lab, where researchers will study how salt spray and poor drainage combined to weaken the steel.`,
    ),
    category: 'port-alder',
    tags: ['harbour bridge', 'infrastructure'],
    author: 'maren-holt',
    hoursAgo: 124,
    views: 5200,
    reactions: 61,
  },
  {
    slug: 'new-hangers-pass-load-test-buses-return-harbour-bridge',
    title: 'New hangers pass load test as buses set to return to Harbour Bridge',
    summary:
      'The first section of replaced hangers on the Alder Harbour Bridge passed a full load test overnight, putting the repairs ahead of schedule and bringing buses back within eight weeks.',
    body: md(
      `The Alder Harbour Bridge carried its heaviest load in months overnight as six ballast-filled trucks rolled onto the northern span to test the first section of newly installed steel hangers. Sensors recorded movement well within design limits, city engineers said on Friday morning.`,
      `The result means the repair project is about three weeks ahead of schedule. Chief city engineer Gareth Pell said buses should be able to return to the bridge within eight weeks, with private cars following once the southern span is finished.`,
      `## What changes for commuters`,
      `- Bus routes 4 and 11 will return to the bridge first, cutting up to 20 minutes from trips between Northbank and Old Quay
- The extra ferry sailings will continue until all lanes reopen
- The footpath will close for two weekends during the final stage of work`,
      `> "Every number came back where we wanted it," Mr. Pell said. "The bridge is stiffer and drier than it has been in decades."`,
      `Mayor Adaeze Lund said the city would publish the full test data and a revised schedule on its [Harbour Bridge project page](https://portalder.example/harbour-bridge). Old Quay traders, who have reported sharp falls in trade since the closure, welcomed the news but asked the city to extend a temporary parking discount until cars can cross again.`,
    ),
    category: 'port-alder',
    tags: ['harbour bridge', 'infrastructure', 'transport'],
    author: 'maren-holt',
    hoursAgo: 1,
    recommended: true,
    views: 2300,
    reactions: 97,
  },
  {
    slug: 'sound-ferries-orders-electric-boats',
    title: 'Sound Ferries orders two electric boats for the Northbank crossing',
    summary:
      'The city-owned ferry operator has ordered two battery-electric passenger boats, citing record ridership during the Harbour Bridge closure.',
    body: md(
      `Sound Ferries will buy two battery-electric passenger boats for the Northbank–Old Quay route, the city-owned operator announced on Thursday, in a move it says will cut fuel costs and noise on the busiest crossing on Alder Sound.`,
      `Each vessel will carry up to 150 passengers and 30 bicycles and will recharge for about eight minutes at each pier. The $9.4 million order includes shore chargers at Northbank Pier and Old Quay, which will be connected to the grid through a new substation.`,
      `## Why now`,
      `Ridership on the route has nearly tripled since the Alder Harbour Bridge closed to vehicles, and the operator said many new passengers had told surveys they planned to keep using the ferry after the bridge reopens.`,
      `> "The bridge closure showed us what the Sound can do as a transport corridor," said general manager Tom Akande. "We want to keep those riders, and give them a quieter, cleaner trip."`,
      `The boats are expected to enter service in about 18 months. The existing diesel ferries will be kept as backups and for the longer route to Saltmarsh.`,
    ),
    category: 'port-alder',
    tags: ['ferries', 'transport', 'energy'],
    author: 'maren-holt',
    hoursAgo: 3,
    views: 640,
    reactions: 23,
  },

  // ---------------------------------------------------------------- Port Alder: the heat wave
  {
    slug: 'port-alder-braces-for-five-day-heat-wave',
    title: 'Port Alder braces for five-day heat wave as temperatures near 38C',
    summary:
      'Forecasters expect temperatures in Port Alder to approach 38C this week, and the city has issued its first extreme heat warning in four years.',
    body: md(
      `Port Alder is preparing for what forecasters say could be its hottest stretch of weather in more than a decade, with daytime highs expected to approach 38C from Tuesday and overnight temperatures staying above 24C.`,
      `The city issued an extreme heat warning on Sunday, the first since a shorter heat wave four years ago. Forecasters said a ridge of high pressure would block the usual afternoon sea breeze across Alder Sound for at least five days.`,
      `## Who is most at risk`,
      `Public health director Dr. Imogen Salt urged residents to check on neighbours who live alone. Those most at risk include:`,
      `- adults over 65 and babies under one
- people with heart, lung or kidney conditions
- outdoor workers, including crews on the Harbour Bridge repairs
- people without air conditioning in top-floor flats`,
      `Dr. Salt said residents should drink water regularly, avoid strenuous activity in the afternoon and keep blinds closed during the day. Dogs should not be walked on hot pavement.`,
      `The city will publish a list of cooling centres and extended pool hours on its [heat information page](https://portalder.example/heat) on Monday.`,
    ),
    category: 'port-alder',
    tags: ['heat wave', 'weather', 'public health'],
    author: 'maren-holt',
    hoursAgo: 98,
    views: 13600,
    reactions: 145,
  },
  {
    slug: 'cooling-centres-open-as-heat-wave-breaks-records',
    title: 'Cooling centres open across the city as heat wave breaks records',
    summary:
      'Port Alder recorded 37.4C on Wednesday, its highest temperature on record, as the city opened 14 cooling centres and extended hours at public pools.',
    body: md(
      `Port Alder recorded its hottest day on record on Wednesday, as the temperature at the harbour weather station reached 37.4C at 3:20 p.m., breaking a mark set more than 30 years ago.`,
      `The city opened 14 cooling centres in community halls, branch libraries and the newly reopened Central Library, and said about 2,300 people had used them by early evening. Public pools will stay open until 10 p.m., and the Highcliff outdoor pool has added free late swims for children.`,
      `## Hospital sees rise in heat illness`,
      `Harbour General Hospital said its emergency department treated 46 people for heat-related illness on Wednesday, most of them older adults. Public health director Dr. Imogen Salt said the numbers were concerning but not beyond what the hospital could manage.`,
      `> "The second and third days of a heat wave are when we usually see the most harm, because the heat builds up in homes overnight," Dr. Salt said.`,
      `Outreach workers handed out water and sunscreen around Old Quay and the Saltmarsh waterfront, and the city's buses are carrying passengers to cooling centres free of charge until the heat warning is lifted.`,
    ),
    category: 'port-alder',
    tags: ['heat wave', 'public health', 'weather'],
    author: 'maren-holt',
    hoursAgo: 74,
    views: 15200,
    reactions: 173,
  },
  {
    slug: 'heat-wave-strains-power-grid',
    title: 'Heat wave strains power grid as utility asks residents to cut evening use',
    summary:
      'Alder Power asked customers to delay running dishwashers and washing machines until after 9 p.m. as electricity demand hit a record during the heat wave.',
    body: md(
      `Electricity demand in Port Alder reached an all-time high on Thursday evening as air conditioners ran flat out on the fourth day of the heat wave, prompting the city's utility to ask residents to cut back between 5 p.m. and 9 p.m.`,
      `Alder Power said demand peaked at 612 megawatts at 6:40 p.m., about 9% above the previous record. There were no rolling blackouts, but a transformer fault left about 1,800 homes in Fenwick Hill without power for two hours.`,
      `## How residents can help`,
      `The utility asked customers to:`,
      `- set air conditioners to 25C rather than lower
- run dishwashers, dryers and washing machines after 9 p.m.
- charge electric cars overnight
- close curtains on sun-facing windows`,
      `Operations director Lena Marsh said the grid had enough capacity but little room for error. "If we lose a big line on a day like this, every kilowatt people save helps," she said.`,
      `Forecasters expect the heat to ease by the weekend, when the sea breeze is likely to return to Alder Sound.`,
    ),
    category: 'port-alder',
    tags: ['heat wave', 'energy', 'weather'],
    author: 'tomas-ferreira',
    hoursAgo: 52,
    views: 8900,
    reactions: 76,
  },
  {
    slug: 'sea-breeze-brings-relief-as-heat-wave-breaks',
    title: 'Sea breeze brings relief as heat wave breaks, but officials urge caution',
    summary:
      'Temperatures in Port Alder fell by nearly 10C overnight as the sea breeze returned, ending a six-day heat wave that set records for heat and power demand.',
    body: md(
      `A cool wind off Alder Sound brought the city's six-day heat wave to an end overnight, with temperatures falling from 35C on Saturday afternoon to 26C by Sunday morning. The city lifted its extreme heat warning at 9 a.m.`,
      `The heat wave set a new temperature record of 37.4C and a record for electricity demand and, according to early figures from Harbour General Hospital, sent more than 200 people to the emergency department with heat-related illness.`,
      `## Lessons for next time`,
      `Public health director Dr. Imogen Salt said the cooling centres had worked well but that many older residents had not known where they were. The city plans to review:`,
      `- whether to open cooling centres earlier in a heat wave
- how to reach residents who do not use the internet
- shade and drinking water at bus stops and ferry piers`,
      `> "Heat is a quiet emergency," Dr. Salt said. "People do not always feel in danger until they are very unwell."`,
      `Forecasters said another spell of hot weather was possible later in the summer and advised residents to keep fans and blinds ready.`,
    ),
    category: 'port-alder',
    tags: ['heat wave', 'public health', 'weather'],
    author: 'maren-holt',
    hoursAgo: 6,
    views: 4100,
    reactions: 58,
  },

  // ---------------------------------------------------------------- World
  {
    slug: 'marine-heat-wave-warms-three-oceans',
    title: 'Marine heat wave warms coastal waters across three oceans, scientists report',
    summary:
      'An international network of ocean scientists says unusually warm water now covers long stretches of coastline in the Pacific, Atlantic and Indian oceans, with risks for fisheries and kelp forests.',
    body: md(
      `Sea-surface temperatures along long stretches of coastline in the Pacific, Atlantic and Indian oceans are running 2C to 4C above their long-term average, according to a report released on Tuesday by an international network of ocean monitoring stations.`,
      `The researchers said the marine heat wave had lasted more than ten weeks in some areas, long enough to affect kelp forests, shellfish beds and the movement of the fish that coastal fleets depend on.`,
      `## Effects close to home`,
      `Professor Hana Sato-Williams, an oceanographer at Port Alder University who contributed data from buoys in Alder Sound, said local water temperatures had been unusually high since early spring.`,
      `> "Kelp does not like warm water, and neither do the cold-water species our fishing fleet targets," she said. "We are watching this very closely."`,
      `The report recommends that coastal authorities:`,
      `- expand real-time temperature monitoring in shallow waters
- share data quickly with fisheries and aquaculture farms
- prepare plans for harmful algal blooms, which are more likely in warm, still water`,
      `The authors said marine heat waves have become more frequent in recent decades and are expected to keep increasing as the oceans absorb more heat.`,
    ),
    category: 'world',
    tags: ['oceans', 'climate', 'heat wave'],
    author: 'anika-rao',
    hoursAgo: 252,
    recommended: true,
    views: 6100,
    reactions: 94,
  },
  {
    slug: 'draft-deal-high-seas-fishing-limits',
    title: 'Delegates reach draft deal on high-seas fishing limits after two weeks of talks',
    summary:
      'Negotiators from more than 40 countries agreed on a draft framework for catch limits and monitoring in international waters, though key questions remain open.',
    body: md(
      `Negotiators from more than 40 countries have agreed on a draft framework to set catch limits for several migratory fish species on the high seas, ending two weeks of talks at an international fisheries conference late on Friday.`,
      `The draft would create a shared system for reporting catches by vessel, require satellite tracking on larger boats fishing in international waters and set up a scientific panel to recommend annual limits.`,
      `## What remains unresolved`,
      `Delegates said several issues had been left for a further round of talks, including how limits would be divided between countries and what penalties would apply to boats that break the rules.`,
      `Conservation groups welcomed the monitoring measures but said the draft did too little to protect spawning grounds. Industry representatives said the tracking requirements could be costly for smaller operators.`,
      `In Port Alder, where the fleet works mainly in coastal waters, harbour master Captain Ilse Varga said the deal would have little direct effect on local boats but could steady prices for species that move between coastal and international waters. Falling catches of cold-water fish have already pushed up prices at the city's fish auction this year.`,
    ),
    category: 'world',
    tags: ['fishing', 'oceans', 'maritime'],
    author: 'anika-rao',
    hoursAgo: 134,
    views: 2900,
    reactions: 31,
  },
  {
    slug: 'shipping-body-sets-timetable-cleaner-fuels',
    title: 'Global shipping body sets timetable for cleaner fuels on container ships',
    summary:
      'An international maritime organisation has agreed on a phased timetable to cut emissions from large vessels, with the first requirements taking effect in four years.',
    body: md(
      `Member states of an international maritime organisation agreed this week on a timetable to cut greenhouse gas emissions from large ships, requiring operators to use a growing share of low-carbon fuels over the next 15 years.`,
      `Under the plan, ships above a certain size will have to reduce the carbon intensity of their fuel by a fixed percentage every five years, starting four years from now. Operators that fall short would pay into a fund supporting cleaner fuel production and port infrastructure.`,
      `## What it means for ports`,
      `Ports will need to supply new fuels such as ammonia and methanol, along with shore power so that ships can switch off their engines while docked. The Port Alder container terminal said it was already studying shore power for its two main berths.`,
      `> "The timetable gives shipping lines and ports a clear signal, which is what everyone needed to start investing," said terminal director Grace Whitfield.`,
      `Several shipping companies warned that fuel costs could rise in the short term and be passed on to customers. Analysts expect freight rates on some routes to increase modestly once the first requirements apply.`,
    ),
    category: 'world',
    tags: ['shipping', 'climate', 'energy', 'maritime'],
    author: 'anika-rao',
    hoursAgo: 33,
    views: 1800,
    reactions: 19,
  },

  // ---------------------------------------------------------------- World > Europe
  {
    slug: 'port-alder-lorvenne-40-years-twin-towns',
    title: 'Port Alder and Lorvenne mark 40 years as twin towns',
    summary:
      'Delegations from Port Alder and the Breton fishing port of Lorvenne met on Old Quay to celebrate four decades of twinning with music, a shared seafood market and a new student exchange.',
    body: md(
      `A brass band from Lorvenne, a fishing port on the coast of Brittany, led a parade along Old Quay on Saturday as Port Alder celebrated 40 years of twinning with the French town.`,
      `The partnership began in the 1980s, when fishing families from both towns met at a maritime festival. Since then it has produced school exchanges, a shared lifeboat training programme and a long friendship between the two towns' rowing clubs.`,
      `## A new exchange programme`,
      `Lorvenne's mayor, Élodie Kervran, signed an agreement with Mayor Adaeze Lund to create a year-round student exchange for secondary schools, starting next term. Ten students from each town will spend three weeks living with host families. Speaking in French, Ms. Kervran told the crowd:`,
      `> « Nous avons toujours regardé vers la mer, et la mer nous a appris à coopérer. Quarante ans après, nos deux ports sont toujours de bons voisins, même séparés par un océan. »`,
      `("We have always looked towards the sea, and the sea taught us to work together. Forty years on, our two ports are still good neighbours, even with an ocean between them.")`,
      `The weekend also featured a crêpe stall run by Lorvenne volunteers, a joint seafood market and an exhibition of photographs from both harbours at the Maritime Museum.`,
    ),
    category: 'europe',
    tags: ['lorvenne', 'europe', 'festivals', 'education'],
    author: 'anika-rao',
    hoursAgo: 402,
    views: 4700,
    reactions: 128,
  },
  {
    slug: 'european-night-train-network-coastal-routes',
    title: 'European night-train network adds six coastal routes',
    summary:
      'A group of European rail operators will launch six new overnight routes linking inland capitals with coastal towns, including a sleeper service to the Breton coast.',
    body: md(
      `A consortium of European rail operators announced on Monday that it will add six overnight routes from next spring, bringing sleeper trains to several coastal regions that have had no night service for decades.`,
      `The new routes include a line to the Breton coast, a service along the Baltic shore and an overnight link to the Adriatic. Tickets will go on sale in the autumn, with fares for a bed in a shared compartment starting at about the price of a budget flight.`,
      `## Demand for slower travel`,
      `Operators said passenger numbers on existing night trains had risen sharply over the past three years, driven by travellers looking for alternatives to short flights and by growing interest in slower, scenic journeys. The consortium plans to refurbish about 120 older sleeper carriages and order new ones with private compartments, bicycle storage and step-free access.`,
      `For Lorvenne, Port Alder's twin town in Brittany, the new service will stop at a station about 20 kilometres inland. Local officials said they would run a shuttle bus to meet arriving trains, bringing visitors to the town's harbour and fish market.`,
      `Transport analysts said the routes would depend on affordable track access charges and on operators keeping older carriages reliable, an area where some existing services have struggled.`,
    ),
    category: 'europe',
    tags: ['europe', 'transport', 'climate', 'lorvenne'],
    author: 'anika-rao',
    hoursAgo: 214,
    views: 3500,
    reactions: 44,
  },
  {
    slug: 'north-sea-ports-offshore-wind-supply-vessels',
    title: 'North Sea ports agree shared plan for offshore wind supply vessels',
    summary:
      'A group of ports around the North Sea will share berths, training and repair yards for the ships that build and service offshore wind farms.',
    body: md(
      `Nine ports around the North Sea have agreed to coordinate berths, repair yards and crew training for the growing fleet of ships that install and service offshore wind turbines, according to a joint statement released on Wednesday.`,
      `The ports said competition for deep-water berths was slowing construction of new wind farms, with installation vessels sometimes waiting days for space. Under the agreement, ports will publish spare capacity on a shared booking system and avoid duplicating expensive heavy-lift quays.`,
      `## Training and jobs`,
      `The plan has three main parts:`,
      `- a shared booking system for berths and heavy-lift cranes
- a common safety and technical certificate for offshore technicians, so workers trained in one country can move between projects
- joint research on electric and hydrogen-powered crew boats`,
      `The Port Alder container terminal, which is studying whether to bid for offshore wind work on its own coast, is sending two staff members to observe the scheme. Terminal director Grace Whitfield said the city could learn from the shared approach as it weighs its own plans.`,
    ),
    category: 'europe',
    tags: ['europe', 'energy', 'shipping', 'maritime'],
    author: 'anika-rao',
    hoursAgo: 92,
    views: 1400,
    reactions: 12,
  },
  {
    slug: 'first-lorvenne-exchange-students-arrive',
    title: 'First Lorvenne exchange students arrive in Port Alder',
    summary:
      'Ten secondary school students from Port Alder\'s twin town of Lorvenne in Brittany arrived this week for the first three-week exchange under a new twinning agreement.',
    body: md(
      `Ten teenagers from Lorvenne, Port Alder's twin town in Brittany, arrived at Harbour Central station on Monday for three weeks of lessons, home stays and sailing on Alder Sound, the first group under an exchange agreed during the towns' 40th anniversary celebrations.`,
      `The students, aged 15 and 16, will attend classes at Northbank Secondary School and live with host families. Ten Port Alder students will travel to Lorvenne in the spring.`,
      `## A packed programme`,
      `Teachers have planned visits to the Maritime Museum, the newly reopened Central Library and the Kelpwise sensor workshop in the old cannery, as well as a morning on the water with Highcliff Rowing Club.`,
      `> "I expected the sea to be colder," one student, Maël, said after a swim at Highcliff beach. "It is almost like home."`,
      `Organisers said they hoped to double the size of the exchange next year and eventually include students from technical colleges, with a focus on marine engineering and fisheries.`,
    ),
    category: 'europe',
    tags: ['lorvenne', 'europe', 'education'],
    author: 'anika-rao',
    hoursAgo: 38,
    views: 1100,
    reactions: 47,
  },

  // ---------------------------------------------------------------- World > Asia
  {
    slug: 'early-typhoon-season-disrupts-pacific-shipping',
    title: 'Early typhoon season disrupts container schedules across the Pacific',
    summary:
      'A series of early-season typhoons in East Asia has forced temporary port closures and delayed container ships, with knock-on effects for terminals across the Pacific, including Port Alder.',
    body: md(
      `Three typhoons in the space of two weeks have forced temporary closures at several large container ports in East Asia, leaving dozens of ships waiting offshore and pushing back delivery schedules across the Pacific.`,
      `Shipping lines said some vessels were running up to ten days behind schedule. Freight analysts said the disruption had come unusually early in the season and coincided with high demand for consumer goods ahead of the autumn.`,
      `## Knock-on effects in Port Alder`,
      `At the Port Alder container terminal, managers said three scheduled arrivals had been delayed and two more were expected on the same day next week, creating a short crunch for cranes and truck bookings.`,
      `> "When ships bunch up like this, the challenge is not the volume, it is the timing," said terminal director Grace Whitfield. "We have asked for extra crews for that week."`,
      `Importers have been advised to check tracking information with their shipping lines. The terminal publishes updated arrival times on its [vessel schedule page](https://port.portalder.example/vessels).`,
      `Meteorologists said warmer than usual ocean temperatures in the western Pacific were likely to keep the risk of strong storms high for the rest of the season.`,
    ),
    category: 'asia',
    tags: ['asia', 'shipping', 'weather'],
    author: 'anika-rao',
    hoursAgo: 364,
    views: 2600,
    reactions: 22,
  },
  {
    slug: 'asian-coastal-cities-trial-floating-flood-barriers',
    title: 'Asian coastal cities trial floating flood barriers as sea levels rise',
    summary:
      'Several low-lying coastal cities in Southeast Asia are testing barriers that rise with storm surges, in projects watched closely by planners around the world.',
    body: md(
      `Several low-lying coastal cities in Southeast Asia have begun testing floating flood barriers that lie on the seabed in calm weather and rise automatically with storm surges, part of a wave of projects aimed at protecting dense waterfront districts from rising seas.`,
      `The barriers use hollow steel or composite sections that fill with air when water levels climb, forming a temporary wall. Engineers say they are cheaper than permanent sea walls and leave harbours open to shipping, and views open to the water, on most days.`,
      `## Early results`,
      `Results from the first year of trials have been mixed. The barriers performed well during two moderate storm surges, but debris and marine growth caused some sections to rise unevenly, and maintenance costs were higher than expected.`,
      `Professor Hana Sato-Williams of Port Alder University, who has studied flood defences for Alder Sound, said the trials were useful for coastal cities everywhere.`,
      `> "Every coastal city is asking the same question: how do you keep the sea out without turning your back on it?" she said.`,
      `Port Alder's own flood plan, updated last year, includes studying temporary barriers for Old Quay and the Saltmarsh waterfront, the two districts most exposed to storm surges.`,
    ),
    category: 'asia',
    tags: ['asia', 'climate', 'infrastructure', 'oceans'],
    author: 'anika-rao',
    hoursAgo: 196,
    views: 3300,
    reactions: 39,
  },
  {
    slug: 'university-ocean-research-pact-asian-institutes',
    title: 'Port Alder University signs ocean research pact with three Asian institutes',
    summary:
      'Port Alder University will share ocean data, graduate students and research vessel time with three marine institutes in East and Southeast Asia under a five-year agreement.',
    body: md(
      `Port Alder University has signed a five-year agreement with three marine research institutes in East and Southeast Asia to share ocean data, exchange graduate students and pool time on research vessels.`,
      `The partnership will focus on marine heat waves, typhoon forecasting and the health of kelp and seagrass, areas where scientists say data from both sides of the Pacific is needed to understand changing ocean temperatures.`,
      `## What the partners will share`,
      `- data from ocean buoys and coastal sensors, published openly within six months
- up to 12 graduate student exchanges a year
- joint cruises on the university's research vessel, the *Alder Tern*, and on partner ships`,
      `Professor Hana Sato-Williams, who leads the university's ocean science programme, said the agreement would also help the city prepare for climate risks.`,
      `> "The water that reaches our coast has a long history, and part of that history is written in the western Pacific," she said.`,
      `The university said local start-up Kelpwise, which makes sensors for seaweed farms, would supply instruments for one of the first joint projects.`,
    ),
    category: 'asia',
    tags: ['oceans', 'education', 'open data', 'kelpwise'],
    author: 'anika-rao',
    hoursAgo: 44,
    views: 950,
    reactions: 15,
  },

  // ---------------------------------------------------------------- Business
  {
    slug: 'container-terminal-busiest-quarter-in-a-decade',
    title: 'Port Alder container terminal posts its busiest quarter in a decade',
    summary:
      'The city\'s container terminal handled the equivalent of 212,000 containers last quarter, its highest total in ten years, driven by a new shipping route and strong seafood and timber exports.',
    body: md(
      `The Port Alder container terminal handled the equivalent of 212,000 standard containers in the three months to June, its busiest quarter in a decade, the port authority said on Thursday.`,
      `Volumes rose 14% from the same period last year, helped by a new weekly service from East Asian ports and strong exports of frozen seafood, timber and recycled metals.`,
      `## Jobs and congestion`,
      `The terminal added 60 dock workers and crane operators over the past year and plans to hire about 40 more. But growth has also brought longer truck queues on Harbour Road, where residents have complained about noise and idling engines.`,
      `> "We are proud of the numbers, but we know that growth has to work for the neighbours too," said terminal director Grace Whitfield, who said the port would trial an online booking system for truck arrivals.`,
      `The port authority said it would also consider extending rail sidings to move more containers by train. A feasibility study is expected by the end of the year.`,
    ),
    category: 'business',
    tags: ['port', 'shipping', 'jobs', 'local economy'],
    author: 'tomas-ferreira',
    hoursAgo: 418,
    views: 2100,
    reactions: 18,
  },
  {
    slug: 'alder-sound-seafoods-adds-night-shift',
    title: 'Alder Sound Seafoods adds night shift at cannery as export orders climb',
    summary:
      'The city\'s largest seafood processor will add a night shift and about 90 jobs at its Saltmarsh plant to meet rising export demand.',
    body: md(
      `Alder Sound Seafoods, Port Alder's largest seafood processor, will add a night shift at its Saltmarsh cannery from next month, creating about 90 jobs as export orders for tinned fish and smoked seafood climb.`,
      `The company said orders from overseas buyers had risen by about a fifth this year, partly because warmer waters elsewhere had cut supplies of some cold-water species. It buys most of its fish at the Port Alder fish auction.`,
      `## Hiring locally`,
      `The company will hold hiring days at its Saltmarsh site and at the Northbank community centre. Roles include line workers, forklift drivers and quality inspectors, with training provided.`,
      `> "We want these jobs to go to people who live here," said operations manager Ruth Albrecht. "Many of our best staff started on the line and now run whole departments."`,
      `The company's former cannery on Old Quay, closed in the 1990s, is now being converted into offices and workshops. Higher fish prices remain a risk for the business, and the company said it had signed longer contracts with some boats to secure supply.`,
    ),
    category: 'business',
    tags: ['jobs', 'fishing', 'local economy', 'maritime'],
    author: 'tomas-ferreira',
    hoursAgo: 242,
    views: 3900,
    reactions: 41,
  },
  {
    slug: 'port-alder-rents-rise-seven-percent',
    title: 'Port Alder rents rise 7% as new housing lags demand',
    summary:
      'Average rents in Port Alder rose 7% over the past year, according to a city housing report that says construction has not kept pace with population growth.',
    body: md(
      `The average monthly rent for a two-bedroom flat in Port Alder rose 7% over the past year to $1,940, according to the city's annual housing report published on Tuesday. Rents in Old Quay and Northbank rose fastest, at about 10%.`,
      `The report found that the city's population grew by about 3,100 people last year, while only 1,150 new homes were completed. The rental vacancy rate fell below 2%, a level at which renters have little choice and landlords can raise prices easily.`,
      `## What the report proposes`,
      `The report recommends that council:`,
      `- allow more mid-rise housing near ferry piers and main bus routes
- speed up permits for projects that include affordable units
- use city-owned land near the container terminal for new homes`,
      `Councillor Sofia Brandt said the Harbour Bridge closure had also changed where people wanted to live, with demand rising near ferry piers. "Transport and housing are the same conversation," she said.`,
      `Landlord groups said higher interest rates and insurance costs had also pushed up rents, and asked the city to reduce fees on new rental buildings.`,
    ),
    category: 'business',
    tags: ['housing', 'city council', 'local economy', 'cost of living'],
    author: 'tomas-ferreira',
    hoursAgo: 104,
    views: 11700,
    reactions: 268,
  },
  {
    slug: 'bridge-closure-costs-old-quay-shops-trade',
    title: 'Bridge closure costs Old Quay shops a fifth of trade, survey finds',
    summary:
      'Businesses in Old Quay report an average 21% fall in sales since the Alder Harbour Bridge closed to vehicles, according to a survey by the local traders\' association.',
    body: md(
      `Shops, cafés and restaurants in Old Quay have lost an average of 21% of their sales since the Alder Harbour Bridge closed to vehicles, according to a survey of 112 businesses by the Old Quay Traders' Association.`,
      `The hardest hit were businesses that rely on customers from Northbank who used to drive across the bridge, including hardware stores, a supermarket and several restaurants. Cafés near the ferry pier reported higher sales thanks to the surge in ferry passengers.`,
      `## Traders ask for help`,
      `The association is asking the city to:`,
      `1. Extend a temporary parking discount in Old Quay until all lanes reopen
2. Waive patio and sign fees for the rest of the year
3. Fund a "shop local" campaign aimed at Northbank residents`,
      `> "We support the repairs, but a fifth of trade is the difference between staying open and closing for many small businesses," said association chair Derya Novak.`,
      `City officials said the repair project was on schedule and that the traders' requests would go to council next month.`,
    ),
    category: 'business',
    tags: ['harbour bridge', 'local economy'],
    author: 'tomas-ferreira',
    hoursAgo: 18,
    views: 3100,
    reactions: 64,
  },

  // ---------------------------------------------------------------- Business > Markets
  {
    slug: 'fish-auction-prices-climb-cold-water-catches-shrink',
    title: 'Fish auction prices climb as cold-water catches shrink',
    summary:
      'Prices at the Port Alder fish auction have risen sharply this year as warmer coastal waters cut catches of cod, hake and other cold-water species.',
    body: md(
      `Prices at the Port Alder fish auction have climbed steadily since spring, with the average price of cod up by more than a third on last year, as warmer coastal waters push cold-water species further offshore.`,
      `Auction manager Pieter Duval said fewer boats were landing full catches, and buyers from processors and restaurants were competing harder for what did arrive.`,
      `## Average auction prices, per kilogram`,
      `| Species  | Last year | This year | Change |
| -------- | --------: | --------: | -----: |
| Cod      |     $9.40 |    $12.70 |   +35% |
| Hake     |     $6.10 |     $7.60 |   +25% |
| Mackerel |     $3.20 |     $3.40 |    +6% |
| Crab     |    $14.80 |    $15.30 |    +3% |`,
      `Prices for mackerel, which prefers warmer water, have barely moved because catches have held up. Crab prices have also been steady.`,
      `> "The boats are travelling further and burning more fuel for smaller landings," Mr. Duval said. "That cost ends up in the price."`,
      `Seafood processors say they are passing part of the increase on to customers, and some restaurants in Old Quay have changed their menus to feature more mackerel and shellfish.`,
    ),
    category: 'markets',
    tags: ['fishing', 'local economy', 'maritime', 'cost of living'],
    author: 'tomas-ferreira',
    hoursAgo: 352,
    views: 2700,
    reactions: 26,
  },
  {
    slug: 'city-sells-harbour-bonds-for-bridge-repairs',
    title: 'City sells $25 million in harbour bonds to fund bridge repairs',
    summary:
      'Port Alder raised $25 million from a 15-year bond sale to pay for Alder Harbour Bridge repairs, with strong demand keeping borrowing costs lower than expected.',
    body: md(
      `Port Alder sold $25 million of 15-year bonds on Tuesday to help pay for the repair of the Alder Harbour Bridge, with orders from investors adding up to more than twice the amount on offer, the city's finance department said.`,
      `The bonds were priced to yield 4.1%, below the 4.4% the city had budgeted for. About a fifth were sold to individual residents through a retail offering that allowed purchases from $1,000.`,
      `## Why demand was strong`,
      `Finance director Alan Mbeki said investors saw the city's finances as stable and liked that the money was tied to a specific, visible project. Market conditions also helped, as expectations of lower interest rates pushed investors towards longer-term bonds.`,
      `> "People could see exactly what they were lending money for," Mr. Mbeki said. "That matters."`,
      `The remaining $13 million of the $38 million repair budget will come from city reserves. The lower interest rate is expected to save the city about $600,000 over the life of the bonds, according to the finance department's [bond summary](https://portalder.example/finance/harbour-bonds).`,
    ),
    category: 'markets',
    tags: ['harbour bridge', 'interest rates', 'local economy', 'city council'],
    author: 'tomas-ferreira',
    hoursAgo: 164,
    views: 1600,
    reactions: 14,
  },
  {
    slug: 'central-bank-holds-rates-local-brokers-expect-cut',
    title: 'Central bank holds interest rates; local brokers expect a cut by spring',
    summary:
      'The central bank left its benchmark interest rate unchanged, and mortgage brokers in Port Alder say homeowners should expect relief only gradually.',
    body: md(
      `The central bank kept its benchmark interest rate unchanged on Wednesday for the third meeting in a row, saying inflation was easing but remained above its target.`,
      `Financial markets had widely expected the decision. Bond yields fell slightly after the announcement as investors read the bank's statement as leaving the door open to a cut early next year.`,
      `## What it means for homeowners`,
      `- Benchmark rate: unchanged
- Next decision: in six weeks
- Market expectation: a small cut within six months`,
      `Port Alder mortgage broker Hannah Ishikawa said many local homeowners whose fixed-rate loans end in the coming months would still face higher payments than they did three years ago.`,
      `> "Even if rates come down a little, people rolling off a very low fixed rate will notice it," she said. "We are telling clients to start planning six months ahead."`,
      `For renters the picture is mixed. Landlords have cited higher interest rates as one reason for rising rents in the city, but brokers said any cut would take time to reach monthly rents.`,
    ),
    category: 'markets',
    tags: ['interest rates', 'housing', 'local economy', 'cost of living'],
    author: 'tomas-ferreira',
    hoursAgo: 80,
    views: 5600,
    reactions: 52,
  },
  {
    slug: 'shipping-shares-rise-as-pacific-freight-rates-ease',
    title: 'Shipping shares rise as Pacific freight rates ease after typhoon delays',
    summary:
      'Shares in listed shipping and logistics companies rose this week as container freight rates on Pacific routes fell back from their typhoon-season peak.',
    body: md(
      `Shares in listed shipping and logistics companies rose on Thursday as container freight rates on trans-Pacific routes eased for a third straight week, a sign that schedules disrupted by early-season typhoons in East Asia were returning to normal.`,
      `A widely watched index of spot container rates fell about 8% over the week. Analysts said more ships were arriving on schedule and that port congestion in East Asia had largely cleared.`,
      `## Why lower rates lifted shares`,
      `Shipping companies earn more when rates are high, but investors had worried that costly delays and fuel bills would eat into profits. Steadier schedules and lower fuel costs improved the outlook, according to market analysts.`,
      `At the Port Alder container terminal, managers said the backlog of delayed ships had been cleared and that volumes were still running above last year's.`,
      `Analysts cautioned that rates could rise again if storms return later in the season, or once new emissions rules for ships start to push up fuel costs.`,
    ),
    category: 'markets',
    tags: ['shipping', 'port', 'maritime', 'asia'],
    author: 'tomas-ferreira',
    hoursAgo: 10,
    views: 820,
    reactions: 6,
  },

  // ---------------------------------------------------------------- Business > Technology
  {
    slug: 'city-launches-open-data-portal',
    title: 'City launches open data portal for tides, traffic and air quality',
    summary:
      'Port Alder has launched an open data portal publishing live tide levels, traffic counts and air quality readings that anyone can download or use in apps.',
    body: md(
      `Port Alder has launched an open data portal that publishes live readings from more than 300 city sensors, including tide gauges, traffic counters and air quality monitors, free for anyone to download or build apps with.`,
      `The portal, at [data.portalder.example](https://data.portalder.example), also holds historical records going back ten years, such as bus ridership, building permits and Harbour Bridge traffic counts.`,
      `## What developers can use`,
      `- live tide and wave heights from six harbour gauges
- traffic and cyclist counts from 40 locations
- air quality and noise readings from 25 monitors
- monthly datasets on housing permits and bus ridership`,
      `Chief information officer Daniel Osei said the city wanted local developers, students and journalists to find new uses for the data. "We already had the sensors. It made no sense to keep the numbers in a drawer," he said.`,
      `A hackathon at Port Alder University next month will invite teams to build tools with the data. One early user, a young ocean sensor company called Kelpwise, said it plans to combine the city's tide data with its own water quality readings.`,
    ),
    category: 'technology',
    tags: ['open data', 'city council', 'start-ups'],
    author: 'tomas-ferreira',
    hoursAgo: 496,
    views: 1300,
    reactions: 21,
  },
  {
    slug: 'kelpwise-builds-sensors-for-seaweed-farms',
    title: 'Port Alder start-up Kelpwise builds sensors to help seaweed farms',
    summary:
      'A two-year-old Port Alder company is testing low-cost ocean sensors that warn seaweed and shellfish farmers when water conditions turn risky.',
    body: md(
      `In a cramped workshop above a chandlery on Old Quay, a team of seven engineers is building small yellow buoys that could help seaweed and shellfish farmers avoid costly losses.`,
      `Kelpwise, founded two years ago by marine biologist Noor Haddad and electronics engineer Ben Ashworth, makes sensors that measure water temperature, salinity, oxygen and light, and send readings every ten minutes to an app used by farmers.`,
      `## Why seaweed farmers need data`,
      `Seaweed farming has grown quickly along the coast as demand rises for food, animal feed and packaging made from kelp. But a crop can die within days if the water gets too warm or oxygen levels drop.`,
      `> "Farmers often find out something is wrong when the kelp is already falling apart," Ms. Haddad said. "We want to give them a few days of warning instead."`,
      `The start-up is running trials with four farms on Alder Sound and with Port Alder University, which is comparing Kelpwise readings with its own research buoys. So far the company has been funded by its founders, a regional innovation grant and early customers, and Mr. Ashworth said the team hopes to raise outside investment within the year.`,
    ),
    category: 'technology',
    tags: ['kelpwise', 'start-ups', 'aquaculture', 'maritime'],
    author: 'tomas-ferreira',
    hoursAgo: 432,
    views: 3400,
    reactions: 57,
  },
  {
    slug: 'kelpwise-raises-12-million',
    title: 'Kelpwise raises $12 million to scale its ocean sensor network',
    summary:
      'Port Alder sensor maker Kelpwise has raised $12 million in its first major funding round, which it will use to build more buoys and expand beyond Alder Sound.',
    body: md(
      `Kelpwise, the Port Alder start-up that makes ocean sensors for seaweed and shellfish farms, has raised $12 million in its first major funding round, the company said on Monday.`,
      `The round was led by a climate-focused venture fund, with a regional pension fund and several angel investors from Port Alder's technology community also taking part. The company did not disclose its valuation.`,
      `## Plans for the money`,
      `Co-founder and chief executive Noor Haddad said the funding would be used to:`,
      `- expand manufacturing from about 40 buoys a month to 400
- hire engineers and marine scientists
- develop software that predicts harmful algal blooms and marine heat waves
- start selling in Europe and Asia`,
      `The start-up now has sensors on 31 farms, up from four a year ago, and says this year's long spell of warm coastal water drove a surge of interest from growers. "Every farmer who lost a crop to warm water is asking for earlier warnings," Ms. Haddad said.`,
      `It is one of the largest early-stage funding rounds for a Port Alder technology company in recent years. The city's economic development office said it hoped the deal would draw more ocean technology firms to the waterfront.`,
    ),
    category: 'technology',
    tags: ['kelpwise', 'start-ups', 'aquaculture', 'local economy'],
    author: 'tomas-ferreira',
    hoursAgo: 302,
    recommended: true,
    views: 7900,
    reactions: 183,
  },
  {
    slug: 'kelpwise-to-hire-40-move-into-historic-cannery',
    title: 'Kelpwise to hire 40 and move into the historic cannery building',
    summary:
      'Fresh from its $12 million funding round, Kelpwise has leased two floors of the historic cannery building on Old Quay and plans to hire 40 people over the next year.',
    body: md(
      `Ocean sensor start-up Kelpwise will move into two floors of the historic cannery building on Old Quay and hire about 40 people over the next year, the company said on Wednesday, weeks after raising $12 million from investors.`,
      `The brick cannery, which processed fish for nearly a century before closing in the 1990s, has been renovated into offices and workshops. Kelpwise will use the ground floor for assembling and testing buoys, with direct access to a slipway for launching them into the harbour.`,
      `## Who they are hiring`,
      `The company is looking for electronics and software engineers, marine scientists and production technicians. Chief technology officer Ben Ashworth said about half the roles would not require a university degree.`,
      `> "We need people who are good with their hands and not afraid of getting wet," he said.`,
      `Kelpwise is working with Port Alder Technical College on a short course in marine electronics and will offer paid internships to students. Listings are posted on the company's [careers page](https://kelpwise.example/careers). The move makes the start-up the largest tenant in the building, which also houses a design studio and a small brewery.`,
    ),
    category: 'technology',
    tags: ['kelpwise', 'start-ups', 'jobs', 'local economy'],
    author: 'tomas-ferreira',
    hoursAgo: 186,
    views: 4300,
    reactions: 72,
  },
  {
    slug: 'kelpwise-first-european-deal-lorvenne-cooperative',
    title: 'Kelpwise signs first European deal with a seaweed co-operative in Lorvenne',
    summary:
      'Port Alder sensor maker Kelpwise will install 60 buoys for a seaweed farming co-operative in Brittany, its first contract overseas.',
    body: md(
      `Kelpwise, the Port Alder start-up that builds ocean sensors for seaweed and shellfish farms, has signed its first overseas contract, agreeing to supply 60 buoys to a seaweed farming co-operative in Lorvenne, Port Alder's twin town in Brittany.`,
      `The co-operative's 22 member farms grow kelp and other seaweeds along a stretch of coast where water temperatures have risen in recent summers. The buoys will send readings both to the co-operative's own monitoring centre and to the Kelpwise app.`,
      `## Twinning links helped`,
      `Chief executive Noor Haddad said the deal grew out of conversations during the 40th anniversary of the twinning between Port Alder and Lorvenne, when a delegation of French farmers visited the company's workshop.`,
      `> "They saw the buoys on the slipway and asked whether they would survive a Breton winter," Ms. Haddad said. "We said we would find out together."`,
      `The contract is worth about $1.1 million over three years, including software and maintenance. Kelpwise plans to hire a technician based in Brittany and to use the deal as a base for further sales in Europe, one of the goals of its recent $12 million funding round.`,
    ),
    category: 'technology',
    tags: ['kelpwise', 'aquaculture', 'lorvenne', 'europe'],
    author: 'tomas-ferreira',
    hoursAgo: 28,
    views: 1200,
    reactions: 36,
  },

  // ---------------------------------------------------------------- Sports
  {
    slug: 'alder-sound-regatta-draws-120-boats',
    title: 'Alder Sound Regatta draws 120 boats despite a gusty start',
    summary:
      'Strong winds delayed the first races of the Alder Sound Regatta, but 120 boats and more than 400 sailors completed a full programme over the weekend.',
    body: md(
      `Gusts of up to 30 knots delayed the start of the Alder Sound Regatta by three hours on Friday, but the wind settled in time for 120 boats to complete a full programme of races over the weekend.`,
      `The regatta, now in its 62nd year, drew crews from up and down the coast and a team from Lorvenne, Port Alder's twin town in Brittany. Races ranged from dinghy courses off Highcliff beach to a 40-kilometre offshore race around Gull Rock.`,
      `## Results`,
      `- Keelboat class: *Tern's Folly*, skippered by Rachel Onu
- Dinghy class: the Fenwick Hill Sailing Club youth team
- Offshore race: *Marguerite*, a visiting crew from Lorvenne`,
      `> "Friday was a test of patience, but Saturday was as good as sailing gets," said race officer Peter Halloran.`,
      `Organisers said entries were up 15% on last year, helped by a growing youth sailing programme. Next year's regatta will include a new class for adaptive sailing.`,
    ),
    category: 'sports',
    tags: ['sailing', 'water sports', 'local sport', 'lorvenne'],
    author: 'callum-doyle',
    hoursAgo: 444,
    views: 1900,
    reactions: 33,
  },
  {
    slug: 'highcliff-rowing-crew-wins-national-junior-title',
    title: 'Highcliff Rowing Club crew wins national junior title',
    summary:
      'A four from Highcliff Rowing Club won the national junior championship, the club\'s first national title in 18 years.',
    body: md(
      `Four teenagers from Highcliff Rowing Club have won the national junior coxless four championship, finishing almost two seconds ahead of a crew that had been unbeaten all season.`,
      `The crew of Mia Tanaka, Owen Pryce, Leah Adeyemi and Sam Whitcombe trained most mornings at 5:30 on Alder Sound, often in rough water that coach Fiona Gallagher said had made them stronger.`,
      `## A club on the rise`,
      `It is the club's first national title in 18 years. Membership has doubled since the club opened a new boathouse on the Highcliff waterfront and began free taster sessions for secondary schools.`,
      `> "These four started in our school programme three years ago," Gallagher said. "They are proof that you do not need to be born into rowing."`,
      `The club will host rowers from Lorvenne later this year as part of the twin towns' exchange, and two of the new champions have been invited to a national development camp.`,
    ),
    category: 'sports',
    tags: ['water sports', 'youth sport', 'local sport', 'lorvenne'],
    author: 'callum-doyle',
    hoursAgo: 272,
    views: 2400,
    reactions: 117,
  },
  {
    slug: 'free-youth-sailing-lessons-double',
    title: 'Free youth sailing lessons double in size this summer',
    summary:
      'A free sailing programme for Port Alder children aged 10 to 16 will offer 800 places this summer, twice last year\'s number, thanks to new funding from the city and local businesses.',
    body: md(
      `A free sailing programme for children aged 10 to 16 will offer 800 places this summer, twice as many as last year, after the city and several waterfront businesses agreed to pay for extra boats and instructors.`,
      `The programme, run by Fenwick Hill Sailing Club from a base near Highcliff beach, teaches basic sailing, water safety and knots over five half-day sessions. Last year more than 1,500 children applied for 400 places.`,
      `## Opening the water to everyone`,
      `Club commodore Anita Lowe said the aim was to reach families who had never been on a boat, even though they live a few streets from Alder Sound.`,
      `> "We live in a harbour city, yet plenty of kids have never been out on the water," she said. "That should change."`,
      `Sign-ups open on Monday through the [club website](https://fenwicksailing.example/youth). Places are allocated by lottery, with priority for children from schools in Saltmarsh and Northbank. The club is also looking for volunteer instructors, who will receive free training and certification.`,
    ),
    category: 'sports',
    tags: ['sailing', 'youth sport', 'water sports', 'local sport'],
    author: 'callum-doyle',
    hoursAgo: 152,
    views: 1700,
    reactions: 49,
  },
  {
    slug: 'half-marathon-moved-to-dawn-start-heat-wave',
    title: 'Port Alder Half Marathon moved to dawn start as heat wave peaks',
    summary:
      'Organisers moved Sunday\'s Port Alder Half Marathon to a 6 a.m. start and added extra water stations after health officials warned about the heat.',
    body: md(
      `The Port Alder Half Marathon will start at 6 a.m. on Sunday instead of 8:30 a.m., organisers announced on Friday, after forecasters said the heat wave was likely to last into the weekend.`,
      `About 3,400 runners are registered for the race, which follows the waterfront from Old Quay to Saltmarsh and back. The route normally crosses the Alder Harbour Bridge, but this year it will loop around Northbank Pier because of the bridge repairs.`,
      `## Extra water and medical teams`,
      `Race director Sam Okafor said the event would have water every two kilometres rather than every five, misting stations at the turnaround and twice the usual number of medical volunteers. Runners can switch to the 10K distance at no cost.`,
      `> "We want people to finish healthy, not fast," Okafor said. "There will be other days for personal bests."`,
      `Public health officials welcomed the change but urged runners with heart conditions or little recent training to consider sitting the race out. Updates will be posted on the [race website](https://halfmarathon.portalder.example).`,
    ),
    category: 'sports',
    tags: ['heat wave', 'events', 'public health', 'local sport'],
    author: 'callum-doyle',
    hoursAgo: 58,
    views: 6300,
    reactions: 81,
  },
  {
    slug: 'cross-harbour-swim-record-entry',
    title: 'Cross-Harbour Swim attracts record entry despite bridge works',
    summary:
      'A record 640 swimmers have entered this year\'s Cross-Harbour Swim, which will follow a new course away from the Harbour Bridge repair barges.',
    body: md(
      `A record 640 swimmers have signed up for this year's Cross-Harbour Swim, organisers said on Tuesday, even though the 1.5-kilometre course has had to be moved away from the repair barges moored under the Alder Harbour Bridge.`,
      `The swim, first held in 1974, normally starts beneath the bridge at Northbank and finishes on the slipway at Old Quay. This year swimmers will start from Highcliff beach and follow a line of buoys along the shore to the Old Quay slipway, a route the harbour master's office says keeps them clear of the works and of ferry traffic.`,
      `## Safety on the water`,
      `Race organiser Bea Lindqvist said 30 kayakers and four rescue boats would line the course, and every swimmer would wear a bright cap and a tow float.`,
      `- minimum age 14, with a signed form for under-18s
- wetsuits optional if the water is above 18C
- entries close on Friday, or sooner if all 700 places are filled`,
      `Organisers said the growing popularity of open-water swimming, helped by the city's free youth sailing and rowing sessions, had brought in many first-time entrants. Water quality at Highcliff beach is tested weekly, and the results are published on the city's open data portal.`,
    ),
    category: 'sports',
    tags: ['water sports', 'events', 'harbour bridge', 'local sport'],
    author: 'callum-doyle',
    hoursAgo: 128,
    views: 1350,
    reactions: 27,
  },

  // ---------------------------------------------------------------- Sports > Football
  {
    slug: 'athletic-open-season-with-win-over-carrow-point',
    title: 'Port Alder Athletic open the season with a 2-1 win over Carrow Point',
    summary:
      'A late header from defender Tom Reyes gave Port Alder Athletic a 2-1 win over Carrow Point United in front of 8,400 fans at the Quayside Ground.',
    body: md(
      `Defender Tom Reyes rose highest to meet a corner in the 88th minute and give Port Alder Athletic a 2-1 win over Carrow Point United on the opening day of the Coastal League season, sending most of the 8,400 fans at the Quayside Ground home happy.`,
      `Athletic had taken the lead through new signing Kofi Mensah-Hale, who turned sharply in the box and finished low after 23 minutes. Carrow Point equalised early in the second half when a deflected shot looped over goalkeeper Luis Ferro.`,
      `## Manager pleased with new signings`,
      `Manager Dana Whitlock, starting her second season in charge, made four changes from the side that finished sixth last year and said the new players had settled quickly.`,
      `> "We created enough chances to win by more, but I will take a late winner on opening day," Whitlock said. "The crowd carried us in the last ten minutes."`,
      `Athletic travel to Saltby Town next Saturday before their first home derby of the season against Kestrel Bay.`,
    ),
    category: 'football',
    tags: ['port alder athletic', 'football', 'coastal league', 'local sport'],
    author: 'callum-doyle',
    hoursAgo: 488,
    views: 5400,
    reactions: 96,
  },
  {
    slug: 'mensah-hale-hat-trick-sinks-kestrel-bay',
    title: 'Mensah-Hale hat-trick sinks Kestrel Bay in the coast derby',
    summary:
      'Striker Kofi Mensah-Hale scored three times as Port Alder Athletic beat local rivals Kestrel Bay 4-1 in front of a sold-out Quayside Ground.',
    body: md(
      `Kofi Mensah-Hale scored a hat-trick as Port Alder Athletic beat Kestrel Bay 4-1 in the first coast derby of the season on Saturday, moving Athletic up to second in the Coastal League.`,
      `The summer signing opened the scoring after 11 minutes with a curling shot from outside the box, added a second from the penalty spot before half-time and completed his hat-trick with a tap-in at the end of a fast break. Captain Jamie Okoro headed the fourth from a free kick.`,
      `## Derby day at the Quayside`,
      `The Quayside Ground was sold out for the first time in three seasons, with 10,200 fans inside. Kestrel Bay's consolation came from a long-range effort in stoppage time.`,
      `> "Derbies are about the fans, and they deserved a performance like that," manager Dana Whitlock said. "Kofi was brilliant, but the whole team pressed and worked."`,
      `Mensah-Hale now has six goals in five league games. Athletic host Mill Harbour in the second round of the regional cup on Tuesday.`,
    ),
    category: 'football',
    tags: ['port alder athletic', 'football', 'coastal league', 'local sport'],
    author: 'callum-doyle',
    hoursAgo: 338,
    views: 12400,
    reactions: 301,
  },
  {
    slug: 'captain-okoro-out-six-weeks-before-cup-quarter-final',
    title: 'Captain Jamie Okoro out for six weeks as Athletic prepare for cup quarter-final',
    summary:
      'Port Alder Athletic will be without captain and centre-back Jamie Okoro for about six weeks after he injured a hamstring in training before the regional cup quarter-final.',
    body: md(
      `Port Alder Athletic captain Jamie Okoro will miss about six weeks with a hamstring injury suffered in training on Tuesday, leaving manager Dana Whitlock short of experienced defenders before Saturday's regional cup quarter-final against Saltby Town.`,
      `Okoro, 31, has started every game this season and scored twice from set pieces. A scan showed a moderate tear, the club said.`,
      `## Options in defence`,
      `Whitlock has few obvious replacements. Tom Reyes is expected to move into the centre, with 19-year-old academy graduate Ellis Warde likely to make his first senior start at right-back.`,
      `> "Jamie is our voice on the pitch, so we lose more than a defender," Whitlock said. "But this is a chance for young players, and Ellis has earned it in training."`,
      `Athletic are third in the Coastal League after two draws in their last three games. The cup quarter-final is at the Quayside Ground, and tickets are still available on the club's website.`,
    ),
    category: 'football',
    tags: ['port alder athletic', 'football', 'regional cup', 'local sport'],
    author: 'callum-doyle',
    hoursAgo: 226,
    views: 4800,
    reactions: 55,
  },
  {
    slug: 'athletic-reach-cup-semi-final-on-penalties',
    title: 'Athletic reach regional cup semi-final after penalty shoot-out win',
    summary:
      'Port Alder Athletic beat Saltby Town 5-4 on penalties after a 1-1 draw, with teenage defender Ellis Warde scoring the decisive kick on his first senior start.',
    body: md(
      `Nineteen-year-old Ellis Warde scored the decisive penalty on his first senior start as Port Alder Athletic beat Saltby Town 5-4 in a shoot-out to reach the semi-finals of the regional cup for the first time in 11 years.`,
      `The quarter-final had finished 1-1 after extra time. Kofi Mensah-Hale gave Athletic the lead with a header just before half-time, but Saltby equalised from a corner with eight minutes of normal time left.`,
      `## Ferro the hero, then Warde`,
      `Goalkeeper Luis Ferro saved Saltby's third penalty, diving low to his right, before Warde stepped up to take the fifth. The young defender, standing in for injured captain Jamie Okoro, was mobbed by teammates in front of the home end.`,
      `> "I just picked my corner and didn't look at the keeper," Warde said. "My family were in the stand, so I'm going to remember this one."`,
      `- Result: Athletic 1-1 Saltby Town (5-4 on penalties)
- Attendance: 9,650
- Next: semi-final, date to be confirmed`,
      `Manager Dana Whitlock praised her side's resilience after a tiring week. The semi-final draw will be made on Monday, and the club said season-ticket holders would get first choice of tickets.`,
    ),
    category: 'football',
    tags: ['port alder athletic', 'football', 'regional cup', 'local sport'],
    author: 'callum-doyle',
    hoursAgo: 112,
    recommended: true,
    views: 14300,
    reactions: 389,
  },
  {
    slug: 'athletic-plan-3000-more-seats-quayside-ground',
    title: 'Port Alder Athletic plan to add 3,000 seats at the Quayside Ground',
    summary:
      'Port Alder Athletic have applied to expand the Quayside Ground to 13,500 seats, citing sell-out crowds during the club\'s cup run.',
    body: md(
      `Port Alder Athletic have applied to the city to add about 3,000 seats to the Quayside Ground by rebuilding the covered terrace at the harbour end, which would take capacity to 13,500.`,
      `The club said the expansion was needed after a season of sold-out derbies and a cup run that left many fans without tickets. The plans include a new family stand, wider concourses and step-free access on all sides of the ground.`,
      `## Neighbours and transport`,
      `The Quayside Ground sits between Harbour Road and the container terminal, and some residents have raised concerns about crowds and parking on match days. The club proposes shuttle buses from the ferry pier and a bike park for 400 bicycles.`,
      `> "We want more people to watch Athletic, and we want them to get here without clogging the streets," chief executive Martin Sowerby said.`,
      `If approved, construction would take place over two summers so that the club can keep playing at home. Residents can comment on the application on the city's [planning portal](https://portalder.example/planning) for the next four weeks.`,
    ),
    category: 'football',
    tags: ['port alder athletic', 'football', 'local sport', 'local economy'],
    author: 'callum-doyle',
    hoursAgo: 22,
    views: 3700,
    reactions: 84,
  },
  {
    slug: 'athletic-drawn-against-kestrel-bay-cup-semi-final',
    title: 'Athletic drawn against Kestrel Bay in regional cup semi-final',
    summary:
      'Port Alder Athletic will face coast rivals Kestrel Bay in the semi-finals of the regional cup, with the tie to be played at the Quayside Ground next month.',
    body: md(
      `Port Alder Athletic will meet their fiercest rivals in the semi-finals of the regional cup after being drawn at home to Kestrel Bay on Monday, setting up the third coast derby of the season.`,
      `The tie will be played at the Quayside Ground in four weeks' time. Athletic beat Kestrel Bay 4-1 in the league earlier this season, thanks to a Kofi Mensah-Hale hat-trick, but lost the return fixture 2-0 on a wet night on the other side of the bay.`,
      `## Okoro racing to be fit`,
      `Captain Jamie Okoro, out with a hamstring injury, could return in time for the semi-final. Manager Dana Whitlock said she would not rush him back, but admitted the date had given him "something to aim for."`,
      `> "You could hear the cheer from the training ground when the draw came through," Whitlock said. "Everybody wanted this one."`,
      `The club expects demand for tickets to far exceed the ground's capacity of 10,500. Season-ticket holders will have a week to buy before general sales open, and the club is talking to the city about a big screen on Old Quay for fans without tickets.`,
    ),
    category: 'football',
    tags: ['port alder athletic', 'football', 'regional cup', 'local sport'],
    author: 'callum-doyle',
    hoursAgo: 86,
    views: 8600,
    reactions: 164,
  },

  // ---------------------------------------------------------------- Culture
  {
    slug: 'jazz-festival-announces-free-opening-night',
    title: 'Harbourfront Jazz Festival announces free opening night on Old Quay',
    summary:
      'The Harbourfront Jazz Festival will open with a free outdoor concert on Old Quay, part of a lineup of more than 40 acts over ten days.',
    body: md(
      `The Harbourfront Jazz Festival will open with a free concert on Old Quay for the first time in its 25-year history, organisers said on Thursday as they announced a lineup of more than 40 acts over ten days.`,
      `The opening night will feature the Port Alder Youth Big Band, a Latin jazz ensemble and a late set by a quartet from Lorvenne. Other concerts will take place in clubs, churches and the Maritime Museum's boat hall.`,
      `## Making jazz easier to reach`,
      `Artistic director Celeste Amara said the free opening night was meant to bring in people who had never bought a festival ticket.`,
      `> "Jazz started in the street, and it still sounds best with the sea behind it," she said.`,
      `The festival has also introduced pay-what-you-can tickets for afternoon shows and a series of workshops for young musicians. Tickets go on sale next week on the [festival website](https://jazz.portalder.example).`,
    ),
    category: 'culture',
    tags: ['music', 'festivals', 'arts', 'lorvenne'],
    author: 'june-whitaker',
    hoursAgo: 318,
    views: 2200,
    reactions: 38,
  },
  {
    slug: 'maritime-museum-exhibition-fishing-fleet',
    title: "Maritime Museum exhibition charts 150 years of Port Alder's fishing fleet",
    summary:
      'A new exhibition at the Port Alder Maritime Museum uses boats, nets, photographs and recorded interviews to tell the story of the city\'s fishing fleet since the 1870s.',
    body: md(
      `A restored wooden trawler, built in Port Alder in 1931, is the centrepiece of a new exhibition at the Maritime Museum that traces 150 years of the city's fishing fleet, from sail-powered boats to today's steel vessels.`,
      `*Hooks, Nets and Harbour Lights* brings together more than 400 objects, including hand-knotted nets, ship's logs, cannery labels and oilskin coats. Many were lent by fishing families, and some have never been shown in public before.`,
      `## Voices from the harbour`,
      `The most moving part of the exhibition is a listening room where visitors can hear recorded interviews with 30 retired fishers, net menders and cannery workers, some of them made more than 40 years ago.`,
      `> "We wanted the fleet to speak for itself," said curator Olusegun Hart. "The objects are beautiful, but the stories are what people remember."`,
      `The exhibition also looks at the future of the industry, including the effects of warming waters and the rise of seaweed farming on Alder Sound. It runs until the end of next year, and entry is free for Port Alder residents on the first Sunday of each month.`,
    ),
    category: 'culture',
    tags: ['history', 'fishing', 'arts', 'maritime'],
    author: 'june-whitaker',
    hoursAgo: 178,
    recommended: true,
    views: 3000,
    reactions: 102,
  },
  {
    slug: 'cannery-mural-honours-net-menders',
    title: "New mural on the old cannery wall honours the city's net menders",
    summary:
      'A 30-metre mural painted on the historic cannery building on Old Quay celebrates the women who mended fishing nets on the quayside for generations.',
    body: md(
      `A 30-metre mural of women mending fishing nets on Old Quay was unveiled on Sunday on the harbour-facing wall of the historic cannery building, the result of a summer-long project by local artist Tia Morrow and a team of volunteers.`,
      `The mural is based on photographs from the Maritime Museum's fishing fleet exhibition and on interviews with families whose grandmothers and great-grandmothers worked as net menders from the 1890s to the 1970s.`,
      `## Painted in the heat`,
      `Morrow and her 20 volunteers worked mostly at dawn during the heat wave, using scaffolding lent by the contractor working on the nearby Harbour Bridge repairs.`,
      `> "These women held the fleet together, quite literally, and most of them were never photographed by name," Morrow said. "Now they are three storeys tall."`,
      `The project was paid for by a city arts grant and by tenants of the cannery building, including ocean sensor start-up Kelpwise. A plaque beside the mural lists the names of 112 net menders identified by the research team.`,
    ),
    category: 'culture',
    tags: ['arts', 'history', 'fishing'],
    author: 'june-whitaker',
    hoursAgo: 66,
    views: 2500,
    reactions: 141,
  },
  {
    slug: 'jazz-festival-record-crowds-despite-heat',
    title: 'Jazz festival draws record crowds to Old Quay despite the heat',
    summary:
      'The Harbourfront Jazz Festival drew an estimated 14,000 people to its free opening night, as organisers pushed outdoor shows later into the evening to avoid the worst of the heat wave.',
    body: md(
      `An estimated 14,000 people packed Old Quay for the free opening night of the Harbourfront Jazz Festival, the largest crowd in the event's 25-year history, organisers said, even though the temperature was still above 30C at 8 p.m.`,
      `Organisers moved the start of outdoor concerts from 6 p.m. to 8 p.m. during the heat wave and handed out free water along the quayside. Volunteers from the city's cooling centre programme set up a shaded rest area near the ferry pier.`,
      `## Crowd favourites`,
      `The Port Alder Youth Big Band drew one of the loudest ovations of the night, and the quartet from Lorvenne, Port Alder's twin town in Brittany, played well past midnight as the air finally began to cool.`,
      `> "I have never seen Old Quay like this," artistic director Celeste Amara said. "People were dancing on the ferry steps."`,
      `Ticket sales for the rest of the festival are up about 30% on last year. Organisers said they would consider later start times for outdoor concerts in future summers, given the growing number of hot evenings.`,
    ),
    category: 'culture',
    tags: ['music', 'festivals', 'heat wave', 'lorvenne'],
    author: 'june-whitaker',
    hoursAgo: 14,
    views: 2900,
    reactions: 77,
  },
  {
    slug: 'open-air-cinema-returns-to-library-square',
    title: 'Open-air cinema returns to Library Square with a summer of sea films',
    summary:
      'Free outdoor film screenings return to Library Square this summer, with a programme of films about the sea chosen by readers of the reopened Central Library.',
    body: md(
      `Free open-air film screenings will return to Library Square on Friday evenings this summer for the first time since the Central Library closed for renovation two years ago, the city's culture department said on Monday.`,
      `The programme of ten films, all with a link to the sea, was chosen by a public vote among library card holders. It includes classic adventure films, a documentary about whale migration and an animated film for families.`,
      `## Bring a blanket`,
      `Screenings start at dusk, around 9:30 p.m. at the beginning of the season. The library's café will stay open late, and part of the rooftop terrace will be reserved for people with limited mobility.`,
      `> "The square was always meant to be the city's living room, and now the lights are back on," said culture manager Leon Abara.`,
      `If the weather turns, screenings will move inside to the library's restored reading room, which has space for 200 people on a first-come basis. The full list of films is on the [library website](https://library.portalder.example/cinema).`,
    ),
    category: 'culture',
    tags: ['festivals', 'libraries', 'arts'],
    author: 'june-whitaker',
    hoursAgo: 140,
    views: 1750,
    reactions: 42,
  },
  {
    slug: 'tidewater-theatre-to-stage-the-net-menders',
    title: 'Tidewater Theatre to stage The Net Menders, the debut novel set on Alder Sound',
    summary:
      'The local theatre company has bought the stage rights to Ada Rennick\'s bestselling debut novel and plans to open the adaptation in the historic cannery building next spring.',
    body: md(
      `Tidewater Theatre has bought the stage rights to *The Net Menders*, Ada Rennick's debut novel about a fishing family on Alder Sound, and plans to open an adaptation in the historic cannery building on Old Quay next spring.`,
      `Rennick, a former ferry deckhand whose book has topped local bestseller lists for months, will co-write the script with the company's artistic director, Priyanka Dales. The production will have a cast of eight, with local musicians playing live.`,
      `## A stage with a view of the harbour`,
      `The performances will take place in a former packing hall on the ground floor of the cannery, next to the workshop used by ocean sensor start-up Kelpwise. Large doors at the back of the hall open onto the water, and the company hopes to use them in the final scene.`,
      `> "The book is full of wind and water and noise," Dales said. "We want the audience to feel the harbour behind them."`,
      `Rennick said she had been surprised by the response to the novel. "I wrote it for my family, and now strangers stop me on the ferry to argue about the ending," she said. Tickets will go on sale in the autumn.`,
    ),
    category: 'culture',
    tags: ['arts', 'authors', 'books'],
    author: 'june-whitaker',
    hoursAgo: 12,
    views: 1450,
    reactions: 68,
  },

  // ---------------------------------------------------------------- Culture > Books
  {
    slug: 'central-library-renovation-final-phase',
    title: 'Central Library renovation enters final phase with reopening date set',
    summary:
      'Port Alder\'s Central Library will reopen in early summer after a two-year, $22 million renovation that adds a children\'s floor, a maker space and a rooftop reading terrace.',
    body: md(
      `Port Alder's Central Library will reopen in early summer, city librarian Margaret Oyelaran announced on Tuesday, as the two-year, $22 million renovation of the 1920s building enters its final phase.`,
      `Workers are now installing shelving, lighting and furniture after the main construction work finished last month. The renovation restored the building's original reading room and added a glass extension on the harbour side.`,
      `## What is new`,
      `- a dedicated children's floor with a story room and a quiet space for teenagers
- a maker space with 3D printers, sewing machines and sound recording booths
- a rooftop reading terrace overlooking Alder Sound
- a local history archive, with records and photographs of the fishing fleet`,
      `> "Libraries are one of the few places left where you can spend the whole day without spending any money," Ms. Oyelaran said. "We wanted this building to be worthy of that."`,
      `During the renovation, about 60% of the collection has been available through two temporary branches in Northbank and Saltmarsh, which will close once the Central Library reopens.`,
    ),
    category: 'books',
    tags: ['libraries', 'books', 'city council'],
    author: 'june-whitaker',
    hoursAgo: 456,
    views: 2000,
    reactions: 45,
  },
  {
    slug: 'central-library-previews-childrens-floor-maker-space',
    title: "Central Library shows off new children's floor and maker space",
    summary:
      'Families got a first look at the renovated Central Library\'s children\'s floor and maker space during a preview weekend, a month before the building fully reopens.',
    body: md(
      `More than 1,200 people toured the renovated Central Library during a preview weekend, getting a first look at a children's floor decorated with a giant illustrated map of Alder Sound and a maker space filled with 3D printers and sewing machines.`,
      `Children's librarian Tomasz Wilk said the new floor had been designed with help from pupils at three local schools, who asked for reading nooks, a puppet theatre and "somewhere to lie on the floor with a book."`,
      `## Books, but also tools`,
      `The maker space will offer free workshops on soldering, sewing, podcasting and basic coding. Residents can book equipment online with a library card.`,
      `> "A library has always been a place to learn things you can't learn at home," Mr. Wilk said. "Now some of those things involve a sewing machine."`,
      `The library said it had added 18,000 new children's books and young adult titles to the collection during the renovation. The full reopening is set for the first Saturday of next month, with a street festival planned on Library Square.`,
    ),
    category: 'books',
    tags: ['libraries', 'books', 'education', 'arts'],
    author: 'june-whitaker',
    hoursAgo: 286,
    views: 1500,
    reactions: 63,
  },
  {
    slug: 'debut-novel-alder-sound-tops-local-bestsellers',
    title: 'Debut novel set on Alder Sound tops local bestseller list',
    summary:
      'A first novel by a former Port Alder ferry deckhand, following a fishing family over three generations, has become the city\'s best-selling book this spring.',
    body: md(
      `A debut novel about three generations of a fishing family on Alder Sound has become the best-selling book in Port Alder this spring, according to figures from the city's independent bookshops.`,
      `*The Net Menders*, by former ferry deckhand Ada Rennick, follows a family from the 1950s, when the fishing fleet filled Old Quay, to the present day, when the last of the family's boats is sold. Rennick wrote much of it during night shifts on the ferry, in notebooks she kept in her locker.`,
      `## Readers recognise their city`,
      `Booksellers say readers are drawn to the novel's detailed portrait of Port Alder, including the cannery on Old Quay, the fish auction and the winter storms that close the harbour.`,
      `> "People come in and tell me which street they think a character lived on," said Jonah Pike, owner of Tidewater Books on Harbour Road. "I have never seen a local book do this."`,
      `Rennick will appear at the Port Alder Book Festival, and the Central Library, which reopens soon, says it has ordered 40 extra copies to shorten its reservation list.`,
    ),
    category: 'books',
    tags: ['books', 'authors', 'fishing'],
    author: 'june-whitaker',
    hoursAgo: 170,
    views: 2800,
    reactions: 119,
  },
  {
    slug: 'thousands-queue-as-central-library-reopens',
    title: 'Thousands queue as Central Library reopens after two-year renovation',
    summary:
      'The renovated Central Library reopened on Saturday to queues stretching around Library Square, with more than 9,000 visitors and 2,300 new library cards on the first day.',
    body: md(
      `The queue began forming on Library Square at 7 a.m., three hours before the doors opened, and by the end of Saturday more than 9,000 people had passed through the renovated Central Library, according to staff counts.`,
      `Mayor Adaeze Lund and city librarian Margaret Oyelaran cut a ribbon made from old catalogue cards before a brass band led the first visitors into the restored reading room. The library issued 2,300 new cards on the first day, a record for the city.`,
      `## Favourite spots`,
      `The rooftop reading terrace was full within an hour, and families queued for the puppet theatre on the children's floor. The local history archive drew older residents looking for photographs of relatives who had worked in the fishing fleet.`,
      `> "My father is in one of these pictures, mending nets on Old Quay in 1958," said retired fisherman George Lamb. "I had never seen it before today."`,
      `The library will be open seven days a week, with late opening on Thursdays. Its programme of talks, workshops and children's events is listed on the [library website](https://library.portalder.example).`,
    ),
    category: 'books',
    tags: ['libraries', 'books', 'city council', 'history'],
    author: 'june-whitaker',
    hoursAgo: 146,
    recommended: true,
    views: 12800,
    reactions: 334,
  },
  {
    slug: 'book-festival-returns-60-authors-harbourside-tent',
    title: 'Port Alder Book Festival returns with 60 authors and a harbourside tent',
    summary:
      'The Port Alder Book Festival will bring 60 writers to the city over four days, with events at the newly reopened Central Library and in a tent on the harbourfront.',
    body: md(
      `The Port Alder Book Festival returns next month with 60 authors, poets and illustrators appearing over four days, and for the first time it will use the renovated Central Library as its main venue.`,
      `Festival director Ruth Adair said the reopened library, with its restored reading room and rooftop terrace, allowed the festival to grow without raising ticket prices. A large tent on the harbourfront will host evening events and a children's programme.`,
      `## Highlights`,
      `- Ada Rennick on *The Net Menders*, the debut novel set on Alder Sound that has topped local bestseller lists
- a panel on writing about the sea, with writers from Port Alder and Lorvenne
- poetry readings on the ferry between Northbank and Old Quay
- free workshops for young writers in the library's maker space`,
      `> "Books belong in the middle of a city, not on its edges," Ms. Adair said.`,
      `About a third of the events are free. Tickets for the rest go on sale on Friday through the festival website, with discounts for students and library card holders.`,
    ),
    category: 'books',
    tags: ['books', 'authors', 'festivals', 'lorvenne'],
    author: 'june-whitaker',
    hoursAgo: 48,
    views: 1000,
    reactions: 29,
  },
];
