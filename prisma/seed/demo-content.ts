/** The words of Masthead's demo publication: sections, people, campaigns and headlines, written for it. */

export const demoSections = [
  { name: 'Life sciences', slug: 'life-sciences', description: 'Biotech, pharma and the research that turns into medicine.' },
  { name: 'Technology', slug: 'technology', description: 'The companies, tools and policies shaping how we compute.' },
  { name: 'Climate', slug: 'climate', description: 'Energy, emissions and adaptation, reported from the ground.' },
  { name: 'Business', slug: 'business', description: 'Markets, companies and the people who run them.' },
  { name: 'Health', slug: 'health', description: 'Care, public health and the systems that deliver them.' },
  { name: 'Culture', slug: 'culture', description: 'Books, film, music and the ideas behind them.' },
] as const;

export const demoSubsections = [{ parent: 'life-sciences', name: 'Biotech', slug: 'biotech', description: 'Start-ups, funding rounds and new therapies.' }] as const;

export const demoAuthors = [
  { name: 'Neelam Patel', jobTitle: 'CEO', organisation: 'MedCity', bio: 'Neelam leads MedCity, the life sciences cluster organisation for London and the South East.' },
  { name: 'Tom Okafor', jobTitle: 'Science correspondent', organisation: 'Masthead', bio: 'Tom covers biology and medicine, from the lab bench to the regulator.' },
  { name: 'Ingrid Larsen', jobTitle: 'Technology editor', organisation: 'Masthead', bio: 'Ingrid writes about software, chips and the rules that govern them.' },
  { name: 'Mateo Alvarez', jobTitle: 'Climate reporter', organisation: 'Masthead', bio: 'Mateo reports on energy and adaptation across Europe and Latin America.' },
  { name: 'Grace Chen', jobTitle: 'Business editor', organisation: 'Masthead', bio: 'Grace follows markets, companies and the economics of everyday life.' },
  { name: 'Samuel Adeyemi', jobTitle: 'Health correspondent', organisation: 'Masthead', bio: 'Samuel writes about hospitals, public health and the people who work in them.' },
  { name: 'Clara Moreau', jobTitle: 'Culture writer', organisation: 'Masthead', bio: 'Clara reviews books and film and interviews the people who make them.' },
  { name: 'David Kim', jobTitle: 'Head of research', organisation: 'Northbridge Institute', bio: 'David runs translational research at the Northbridge Institute.' },
  { name: 'Amara Singh', jobTitle: 'Data journalist', organisation: 'Masthead', bio: 'Amara finds the stories in the numbers and draws the charts.' },
  { name: 'Lukas Becker', jobTitle: 'Chief economist', organisation: 'Harbour Capital', bio: 'Lukas writes a monthly column on markets and policy.' },
  { name: 'Fatima Zahra', jobTitle: 'Policy analyst', organisation: 'Open Energy Forum', bio: 'Fatima studies grid policy and the economics of renewables.' },
  { name: 'Oliver Brennan', jobTitle: 'Deputy editor', organisation: 'Masthead', bio: 'Oliver edits the front page and writes about media.' },
] as const;

export const demoCampaigns = [
  {
    name: 'Life Sciences 2020',
    slug: 'life-sciences-2020',
    description: 'A partner series on the companies and clusters that carried life sciences through a turbulent year.',
    partnerName: 'MedCity',
    disclosureLabel: 'In partnership with MedCity',
    startMonthsAgo: 2,
    lengthMonths: 3,
  },
  {
    name: 'Future of Cities 2026',
    slug: 'future-of-cities-2026',
    description: 'Our edition on how cities house, move and cool the people who live in them.',
    partnerName: null,
    disclosureLabel: null,
    startMonthsAgo: 1,
    lengthMonths: 2,
  },
  {
    name: 'Energy Transition Week',
    slug: 'energy-transition-week',
    description: 'Seven days of reporting on the grid, storage and the politics of power.',
    partnerName: null,
    disclosureLabel: null,
    startMonthsAgo: 0,
    lengthMonths: 1,
  },
] as const;

export const demoTags = ['Gene therapy', 'AI', 'Batteries', 'Interest rates', 'NHS', 'Books', 'Start-ups', 'Regulation'] as const;

/** Ten headlines per section; each with a topic noun used to vary the body. */
export const demoHeadlines: Record<string, readonly { headline: string; topic: string }[]> = {
  'life-sciences': [
    { headline: 'Why London’s life sciences cluster kept growing through the downturn', topic: 'the cluster' },
    { headline: 'Gene therapy: what comes after the first approvals', topic: 'gene therapy' },
    { headline: 'Inside the lab racing to make cell therapies cheaper', topic: 'cell therapy' },
    { headline: 'Clinical trials are moving closer to patients’ homes', topic: 'decentralised trials' },
    { headline: 'The quiet revolution in antibody manufacturing', topic: 'antibody manufacturing' },
    { headline: 'How university spin-outs are finding their first investors', topic: 'spin-outs' },
    { headline: 'Regulators test a faster path for rare disease medicines', topic: 'rare disease approvals' },
    { headline: 'What protein structure prediction changed, and what it did not', topic: 'protein prediction' },
    { headline: 'Biobanks are becoming the backbone of drug discovery', topic: 'biobanks' },
    { headline: 'The talent shortage that could slow the next breakthrough', topic: 'lab talent' },
  ],
  technology: [
    { headline: 'The chip shortage is over. The chip strategy is not', topic: 'chip supply' },
    { headline: 'Newsrooms are rebuilding their publishing systems from scratch', topic: 'publishing systems' },
    { headline: 'What the new AI rules mean for small software firms', topic: 'AI regulation' },
    { headline: 'Open-source maintainers are finally getting paid', topic: 'open-source funding' },
    { headline: 'Why data centres are moving north', topic: 'data centres' },
    { headline: 'The return of the fast, light web page', topic: 'web performance' },
    { headline: 'Passkeys are replacing passwords faster than expected', topic: 'passkeys' },
    { headline: 'Satellite broadband reaches the last villages', topic: 'satellite broadband' },
    { headline: 'A new generation of accessible design tools', topic: 'accessible design' },
    { headline: 'How city councils are buying software differently', topic: 'public procurement' },
  ],
  climate: [
    { headline: 'Heat pumps pass a tipping point in cold countries', topic: 'heat pumps' },
    { headline: 'The grid connection queue is the new climate bottleneck', topic: 'grid connections' },
    { headline: 'Cities plant for shade as summers get hotter', topic: 'urban shade' },
    { headline: 'Grid-scale batteries are changing evening prices', topic: 'grid batteries' },
    { headline: 'Farmers trial crops bred for drought', topic: 'drought-tolerant crops' },
    { headline: 'Offshore wind learns to float', topic: 'floating wind' },
    { headline: 'The hidden emissions in concrete, and how to cut them', topic: 'low-carbon concrete' },
    { headline: 'Flood defences that work with rivers, not against them', topic: 'natural flood defences' },
    { headline: 'What a warmer sea means for fishing towns', topic: 'warming seas' },
    { headline: 'Rooftop solar meets the apartment block', topic: 'shared solar' },
  ],
  business: [
    { headline: 'Interest rates hold, and borrowers adjust', topic: 'interest rates' },
    { headline: 'Family firms plan for the next generation', topic: 'succession' },
    { headline: 'Why more companies are bringing manufacturing home', topic: 'reshoring' },
    { headline: 'The four-day week, two years on', topic: 'the four-day week' },
    { headline: 'High streets find new tenants', topic: 'high street retail' },
    { headline: 'Start-up funding returns, with stricter terms', topic: 'venture funding' },
    { headline: 'Ports invest to handle bigger ships', topic: 'port investment' },
    { headline: 'Insurers rethink risk in a hotter world', topic: 'climate insurance' },
    { headline: 'The quiet boom in repair businesses', topic: 'repair businesses' },
    { headline: 'What shareholders now ask at annual meetings', topic: 'shareholder questions' },
  ],
  health: [
    { headline: 'Community pharmacies take on more of the GP’s work', topic: 'pharmacy services' },
    { headline: 'The hospital at home, one year on', topic: 'virtual wards' },
    { headline: 'Why dental waiting lists keep growing', topic: 'dental access' },
    { headline: 'Screening programmes get smarter about who to invite', topic: 'targeted screening' },
    { headline: 'Nurses trained abroad fill the gaps', topic: 'international nurses' },
    { headline: 'The long road back after long Covid', topic: 'long Covid' },
    { headline: 'Mental health support moves into schools', topic: 'school mental health' },
    { headline: 'Air quality and asthma: the evidence hardens', topic: 'air quality' },
    { headline: 'A new approach to loneliness in later life', topic: 'social prescribing' },
    { headline: 'What it takes to run an ambulance service in winter', topic: 'winter pressures' },
  ],
  culture: [
    { headline: 'The independent bookshop is having a moment', topic: 'bookshops' },
    { headline: 'Regional theatres find new audiences online', topic: 'regional theatre' },
    { headline: 'How film festivals choose what we watch next', topic: 'film festivals' },
    { headline: 'Museums return objects, and tell new stories', topic: 'restitution' },
    { headline: 'The revival of the radio play', topic: 'audio drama' },
    { headline: 'Translators step out of the shadows', topic: 'literary translation' },
    { headline: 'Street food markets become cultural venues', topic: 'food markets' },
    { headline: 'Choirs are booming, and science says why', topic: 'choirs' },
    { headline: 'The long afterlife of a cult television series', topic: 'cult television' },
    { headline: 'Libraries lend more than books now', topic: 'libraries' },
  ],
};

export const demoCredits = [
  'iStock / Getty Images Plus / gorodenkoff',
  'iStock / Getty Images Plus / ipopba',
  'Masthead / Amara Singh',
  'Alamy / Stephen Barnes',
  'iStock / Getty Images Plus / Jacob Wackerhausen',
  'Masthead / Oliver Brennan',
] as const;

/**
 * The demo publication's standing pages (lib/pages): each block is a paragraph, or a subheading when it
 * starts with "## ". Links are written [text](href). The demo articles link to /about/methodology.
 */
export const demoPages = [
  {
    title: 'About us',
    slug: 'about',
    role: 'ABOUT',
    position: 0,
    standfirst: 'An independent newsroom reporting on science, technology, climate, business, health and culture.',
    blocks: [
      'We are a small newsroom with a simple aim: to explain the changes that will matter in five years’ time, while there is still time to act on them.',
      '## What we cover',
      'Our reporters cover life sciences, technology, climate, business, health and culture. We publish every weekday, and our partner series are always labelled as such.',
      '## Who pays for it',
      'We are funded by readers’ subscriptions and by clearly labelled partner series. Partners never see or approve articles before they are published. Read our [ethics and corrections policy](/about/ethics) and meet [the people who make it](/about/masthead).',
    ],
  },
  {
    title: 'Contact',
    slug: 'contact',
    role: 'CONTACT',
    position: 1,
    standfirst: 'How to reach the newsroom, send us a tip or ask for a correction.',
    blocks: [
      '## News tips',
      'Write to [tips@masthead.test](mailto:tips@masthead.test). Tell us what you know and how you know it; we will never name you without your agreement.',
      '## Corrections',
      'If we got something wrong, write to [corrections@masthead.test](mailto:corrections@masthead.test) with the address of the article. Our [corrections policy](/about/ethics) explains what happens next.',
      '## Everything else',
      'Masthead, 1 Example Street, London. The newsroom is staffed from 7 am to 10 pm, UK time.',
    ],
  },
  {
    title: 'Ethics and corrections policy',
    slug: 'ethics',
    role: 'ETHICS',
    position: 2,
    standfirst: 'The standards every article is held to, and what we do when we fall short of them.',
    blocks: [
      '## Accuracy and fairness',
      'We check facts before we publish them, give the people we write about a fair chance to respond, and say when we could not reach them.',
      '## Independence',
      'Partner and sponsored articles are labelled at the top of the page and produced under the same standards. Partners do not approve copy.',
      '## Corrections',
      'When we make a mistake we correct it promptly and say so at the foot of the article, with the date of the correction. We do not quietly change what we published. Send corrections to [corrections@masthead.test](mailto:corrections@masthead.test).',
    ],
  },
  {
    title: 'Masthead',
    slug: 'masthead',
    role: 'MASTHEAD',
    position: 3,
    standfirst: 'The editors, reporters and contributors who write for us.',
    blocks: ['Every article carries the name of the person who wrote it, and each name leads to that person’s page with everything they have written for us.'],
  },
  {
    title: 'Methodology',
    slug: 'methodology',
    role: null,
    position: 4,
    showInFooter: false,
    standfirst: 'How our data desk compiles the figures in our reporting.',
    blocks: [
      '## Where the numbers come from',
      'Figures come from public filings, official statistics such as those of the [Office for National Statistics](https://www.ons.gov.uk/) and our own surveys of organisations in each sector.',
      '## How we survey',
      'Each survey asks the same questions of every organisation we reach, and we publish the number of responses with every figure. Where fewer than 30 organisations answered, we say so.',
      '## When we update',
      'When new data changes a figure we have published, we update the article and note the change at its foot.',
    ],
  },
] as const;
