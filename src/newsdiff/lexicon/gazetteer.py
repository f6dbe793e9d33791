"""Generic word lists the rule-based mention finder and alias resolver rely on.

General world knowledge only (countries, capitals, demonyms, news outlets, titles, common
English words): nothing here is tuned to particular articles. Every entry is lower-case
unless it is a case-sensitive surface form.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(w.strip() for w in text.split() if w.strip())


def _lines(text: str) -> frozenset[str]:
    return frozenset(ln.strip() for ln in text.strip().splitlines() if ln.strip())


# --------------------------------------------------------------------------- common words

#: Words that are capitalised only because they start a sentence or a heading. A
#: capitalised token in this list is never (the start of) a name on its own.
COMMON_WORDS = _words("""
a about above according across after afterwards again against ago ahead all almost alone
along already also although always am among an and another any anybody anyone anything
anyway anywhere are around as at away back be became because become been before beforehand
behind being below beside besides between beyond both but by can cannot could did do does
doing done down during each earlier early either else elsewhere enough even ever every
everybody everyone everything everywhere except far few first for former formerly from
further furthermore had has have having he hence her here hers herself him himself his
how however i if in indeed instead into is it its itself just last late later latest least
less let like likely many may maybe me meanwhile might mine more moreover most mostly much
must my myself near nearly neither never nevertheless new next no nobody none nor not
nothing now nowhere of off often on once one only onto or other others otherwise our ours
ourselves out over overall own perhaps please rather really recently same second several
she should since so some somebody someone something sometimes somewhere soon still such
than that the their theirs them themselves then there thereafter thereby therefore these
they third this those though three through throughout thus to today together tomorrow too
toward towards two under unless until up upon us very via was we well were what whatever
when whenever where whereas wherever whether which while who whoever whole whom whose why
will with within without would yes yesterday yet you your yours yourself yourselves
addressing asked amid because being but confirming despite earlier following given here
having including later meanwhile mr mrs ms nonetheless now officials police reports report
said says saying sources speaking still that the though tonight update updated watch
breaking exclusive photo photograph photos video videos image images read more click
related advertisement comments comment share email print subscribe sign log home news
""")

#: Common news nouns that start sentences and headlines ("Police say...", "Woman
#: killed..."): a sentence-initial lone word needs other evidence to count as a name.
COMMON_NOUNS = _words("""
man woman men women boy girl child children baby teen teenager mother father son daughter
wife husband family friend friends neighbor neighbour resident residents people person
police cops officer officers authorities official officials investigators witnesses
witness driver drivers suspect suspects gunman victim victims survivor survivors soldier
soldiers troops militants rebels fighters forces army government president minister
leader leaders spokesman spokeswoman lawyer lawyers judge jury prosecutors prosecutor
doctor doctors nurse patient students student teacher teachers workers employees staff
fans players player coach team host actor actress star singer company firm officials
experts analysts critics sources reports report news update breaking video photo
fire crash shooting attack explosion blast storm earthquake quake flood accident
scientists researchers voters protesters demonstrators crowd crowds mayor governor
""")

#: Heading and forum/page boilerplate words (compared case-insensitively as whole labels).
BOILERPLATE = _lines("""
joined
messages
reaction score
country
location
elite member
senior member
full member
member
members
moderator
administrator
admin
reply
quote
report
like
likes
share
tweet
posted
posted by
post
posts
thread
threads
registered
points
trophy points
reputation
rating
views
view
loading
advertisement
sponsored
read more
related
comments
photograph
photo
image
credit
caption
source
copyright
all rights reserved
""")

DAYS = _words("monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun")
MONTHS = _words(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
)
#: Other capitalised words that are not entity names in news text.
NON_NAMES = _words("""
am pm a.m. p.m. gmt utc est edt pst pdt bst cet ist et pt ok tv
christmas easter ramadan eid thanksgiving halloween
god allah
""")

#: Directions: a name on their own only inside a longer name ("Middle East", "North Korea").
DIRECTIONS = _words("north south east west northern southern eastern western central northeast northwest southeast southwest")

#: Modifiers in front of a name or title that are not part of it ("Former President X").
MODIFIERS = _words("senior former top acting late then current incoming outgoing ex interim deputy")

#: Pronoun-like capitalised words and determiners never starting a name.
DETERMINERS = _words("the a an this that these those his her its their our my your some any")

# --------------------------------------------------------------------------- titles

#: Titles in front of a person name, longest first when matched as token sequences.
PERSON_TITLES = _lines("""
president
vice president
prime minister
deputy prime minister
foreign minister
defence minister
defense minister
interior minister
foreign secretary
home secretary
secretary of state
secretary
minister
chancellor
king
queen
prince
princess
pope
emperor
sultan
emir
sheikh
sheik
shaikh
ayatollah
grand ayatollah
imam
cleric
mullah
rabbi
bishop
archbishop
cardinal
father
reverend
rev
rev.
general
gen
gen.
major general
brigadier general
lieutenant general
lt. gen.
lt.
lt
colonel
col
col.
lieutenant colonel
major
maj
maj.
captain
capt
capt.
commander
admiral
rear admiral
vice admiral
sergeant
sgt
sgt.
corporal
private
marshal
field marshal
commissioner
inspector
detective
det.
officer
constable
const.
sheriff
deputy
chief
police chief
senator
sen
sen.
representative
rep
rep.
congressman
congresswoman
governor
gov
gov.
mayor
judge
justice
chief justice
ambassador
spokesman
spokeswoman
spokesperson
director
chairman
chairwoman
ceo
coach
head coach
actor
actress
singer
mr
mr.
mrs
mrs.
ms
ms.
miss
dr
dr.
prof
prof.
professor
sir
dame
lord
lady
st.
saint
comedian
comedienne
host
anchor
singer
rapper
player
manager
general manager
producer
executive producer
writer
author
novelist
filmmaker
businessman
businesswoman
billionaire
""")

#: Job titles that can close an organisation's name in a capitalised run ("Philadelphia
#: 76ers President", "NBA Commissioner") and are not common surnames (unlike King, Judge).
TRAILING_TITLES = _words("""
president chairman chairwoman ceo spokesman spokeswoman spokesperson director manager
coach commissioner secretary
""")

# --------------------------------------------------------------------------- places

COUNTRIES = _lines("""
afghanistan
albania
algeria
andorra
angola
argentina
armenia
australia
austria
azerbaijan
bahrain
bangladesh
belarus
belgium
bolivia
bosnia
brazil
britain
great britain
bulgaria
cambodia
cameroon
canada
chad
chile
china
colombia
congo
costa rica
croatia
cuba
cyprus
czech republic
denmark
ecuador
egypt
england
eritrea
estonia
ethiopia
finland
france
georgia
germany
ghana
greece
guatemala
haiti
honduras
hungary
iceland
india
indonesia
iran
iraq
ireland
israel
italy
jamaica
japan
jordan
kazakhstan
kenya
korea
north korea
south korea
kosovo
kuwait
kyrgyzstan
laos
latvia
lebanon
liberia
libya
lithuania
luxembourg
macedonia
madagascar
malaysia
mali
malta
mexico
moldova
mongolia
montenegro
morocco
mozambique
myanmar
burma
nepal
netherlands
holland
new zealand
nicaragua
niger
nigeria
norway
oman
pakistan
palestine
panama
paraguay
peru
philippines
poland
portugal
qatar
romania
russia
rwanda
saudi arabia
scotland
senegal
serbia
sierra leone
singapore
slovakia
slovenia
somalia
south africa
spain
sri lanka
sudan
south sudan
sweden
switzerland
syria
taiwan
tajikistan
tanzania
thailand
tunisia
turkey
turkmenistan
uganda
ukraine
united arab emirates
uae
united kingdom
uk
united states
united states of america
us
usa
america
uruguay
uzbekistan
venezuela
vietnam
wales
yemen
zambia
zimbabwe
""")

CITIES_REGIONS = _lines("""
abu dhabi
aden
amman
amsterdam
ankara
athens
atlanta
baghdad
bangkok
barcelona
basra
beijing
beirut
berlin
boston
brussels
budapest
buenos aires
cairo
california
chicago
damascus
delhi
new delhi
doha
dubai
dublin
erbil
florida
geneva
gaza
hong kong
houston
islamabad
istanbul
jakarta
jerusalem
kabul
karachi
kiev
kyiv
lagos
las vegas
lisbon
london
los angeles
madrid
manila
mecca
miami
milan
moscow
mosul
mumbai
nairobi
new york
paris
philadelphia
prague
riyadh
rome
san francisco
seoul
shanghai
singapore
stockholm
sydney
tehran
tel aviv
texas
tikrit
tokyo
toronto
tripoli
vancouver
vienna
warsaw
washington
west bank
hollywood
kurdistan
middle east
europe
asia
africa
latin america
north america
south america
persian gulf
""")

PLACES = COUNTRIES | CITIES_REGIONS

#: Demonyms and religious or ethnic groups (the adjective or the plural noun).
NATIONALITIES = _words("""
afghan afghans african africans albanian algerian american americans arab arabs arabian
argentine armenian asian australian austrian bahraini belgian bolivian bosnian brazilian
british briton britons bulgarian burmese cambodian canadian canadians chilean chinese
colombian croatian cuban czech danish dutch egyptian egyptians emirati english eritrean
estonian ethiopian european europeans filipino finnish french georgian german germans greek
haitian hungarian indian indians indonesian iranian iranians iraqi iraqis irish israeli
israelis italian jamaican japanese jordanian kenyan korean kuwaiti kurd kurds kurdish
lebanese libyan lithuanian malaysian mexican mexicans moroccan nepalese nigerian norwegian
omani pakistani pakistanis palestinian palestinians persian peruvian polish portuguese
qatari romanian russian russians rwandan saudi saudis scottish serbian slovak somali
somalis spanish sudanese swedish swiss syrian syrians taiwanese thai tunisian tunisians
turkish turks ugandan ukrainian venezuelan vietnamese welsh yemeni yemenis zimbabwean
muslim muslims islamic islamist islamists christian christians catholic catholics
protestant protestants jewish jew jews hindu hindus buddhist buddhists sikh sikhs
shiite shiites shia shias shi'ite shi'ites sunni sunnis alawite alawites druze yazidi
yazidis coptic copts wahhabi salafi salafist salafists jihadist jihadists
""")

# --------------------------------------------------------------------------- outlets

#: News outlets and agencies, lower-case, without a leading "the".
OUTLETS = _lines("""
reuters
afp
agence france-presse
agence france presse
ap
associated press
upi
dpa
bbc
bbc news
cnn
fox news
fox
msnbc
nbc
nbc news
cbs
cbs news
abc
abc news
npr
pbs
sky news
al jazeera
al-jazeera
al arabiya
al-arabiya
guardian
observer
times
times of london
new york times
washington post
wall street journal
financial times
los angeles times
la times
usa today
telegraph
daily telegraph
independent
daily mail
mail
mirror
sun
economist
huffington post
huffpost
politico
bloomberg
forbes
newsweek
time
xinhua
tass
itar-tass
ria novosti
irna
isna
fars
tasnim
press tv
haaretz
jerusalem post
times of india
hindustan times
dawn
variety
hollywood reporter
deadline
people
us weekly
e! news
espn
yahoo
yahoo news
google
twitter
facebook
""")

#: Outlets that are also ordinary words: only accepted with a leading "the" or a cue.
AMBIGUOUS_OUTLETS = frozenset(
    {"times", "guardian", "observer", "independent", "mail", "mirror", "sun", "economist",
     "time", "people", "variety", "deadline", "dawn", "fox", "telegraph"}
)

# --------------------------------------------------------------------------- kinds

#: Last words that make a capitalised sequence an organization.
ORG_HEADS = _words("""
academy agency assembly association authority bank board bureau cabinet center centre
club college commission committee company congress corp corporation council court
department foundation fund group guild hospital inc institute league ltd ministry republic kingdom
network office organisation organization parliament party police press school senate
service services society team trust union university command navy army corps force
forces guard guards airforce marines coalition alliance federation administration
conference network studio studios records entertainment house
""")

#: Words that make a sequence an armed or militant group.
GROUP_WORDS = _words("""
militia militias brigade brigades battalion battalions front movement mujahideen
taliban qaeda al-qaeda hezbollah hizbollah hamas isis isil daesh boko haram shabaab
al-shabaab peshmerga basij basiji
""")

#: Last words that make a sequence a place.
PLACE_HEADS = _words("""
city province state county district region river sea ocean gulf bay lake mountain
mountains island islands street avenue road square valley desert peninsula strait
coast border zone airport port harbour harbor theatre theater hall stadium arena
bridge hotel park village town
""")

#: Well-known equivalent names (world knowledge): each line lists one entity's forms.
EQUIVALENTS: tuple[frozenset[str], ...] = tuple(
    frozenset(part.strip() for part in line.split("|"))
    for line in """
us|usa|united states|united states of america|america
uk|united kingdom|britain|great britain
un|united nations
eu|european union
uae|united arab emirates
ussr|soviet union
nato|north atlantic treaty organization
ap|associated press
afp|agence france-presse|agence france presse
bbc|british broadcasting corporation
imf|international monetary fund
fbi|federal bureau of investigation
cia|central intelligence agency
shia|shiite|shi'ite|shiah|shia muslim|shiite muslim
""".strip().splitlines()
)

# --------------------------------------------------------------------------- role nouns

#: People described by their role in a story, singular forms ("Woman Killed In Crash",
#: "Gunman Opens Fire", "Host Named"). Headlines drop articles, so a capitalised bare role
#: noun in a headline names a participant of the event. Plurals are derived below.
_PERSON_ROLES = _words("""
man woman boy girl child kid baby toddler teen teenager youth mother father mom dad
grandmother grandfather grandma grandpa granny son daughter wife husband brother sister
widow widower bride groom fiance fiancee girlfriend boyfriend neighbor neighbour
resident homeowner tenant landlord driver motorist pedestrian cyclist biker passenger
pilot sailor fisherman gunman shooter attacker assailant killer murderer robber thief
burglar suspect victim survivor hostage captive kidnapper bomber sniper intruder stabber
officer cop trooper detective sheriff policeman policewoman investigator deputy
soldier commando rebel militant insurgent fighter jihadist extremist terrorist
pirate witness bystander onlooker rescuer employee worker staffer boss owner accountant
clerk cashier doctor nurse surgeon medic paramedic firefighter fireman teacher
student pupil coach player athlete referee fan host actor actress singer
celebrity comedian rapper musician dancer judge juror lawyer attorney prosecutor
defendant inmate prisoner convict official spokesman spokeswoman lawmaker protester
protestor demonstrator activist voter scientist researcher expert tourist visitor migrant
refugee immigrant shopper customer patron diner guest hiker climber swimmer camper
""")

#: Collective roles ("Police Say...", "Authorities Release Name", "Jury Convicts...").
_COLLECTIVE_ROLES = _words("""
police authorities jury crew family families couple parents crowd mob gang cops
relatives neighbours neighbors officials troops
""")

_IRREGULAR_PLURALS = {"child": "children", "wife": "wives", "thief": "thieves"}


def _plural(word: str) -> str:
    if word in _IRREGULAR_PLURALS:
        return _IRREGULAR_PLURALS[word]
    if word.endswith("man"):
        return word[:-3] + "men"
    if word.endswith(("s", "sh", "ch", "x", "z")):
        return word + "es"
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


#: Role noun (lower case) -> entity kind: one person ("person") or several ("group").
ROLE_NOUNS: dict[str, str] = {
    word: kind
    for word, kind in {
        **{_plural(w): "group" for w in _PERSON_ROLES},
        **{w: "group" for w in _COLLECTIVE_ROLES},
        **{w: "person" for w in _PERSON_ROLES},
    }.items()
    if word not in NATIONALITIES  # "jihadists" stays a group name of its own
}

#: Role plurals that read as verbs after a name ("DeGeneres Hosts Oscars", "Smith Coaches").
ROLE_VERBS = _words("hosts coaches judges witnesses pilots doctors nurses fathers mothers referees")

# --------------------------------------------------------------------------- first names

#: Hypocoristic first names -> the formal names they shorten (general English usage).
NICKNAMES: dict[str, frozenset[str]] = {
    nick: frozenset(formal.split())
    for line in """
bill billy will willy willie liam: william
bob bobby rob robbie bert: robert
mike mikey mick mickey: michael
jim jimmy jamie: james
tony: anthony antonio
mo moe: maurice morris mohammed mohamed muhammad
tom tommy: thomas
dick rick ricky rich richie: richard
dave davy: david
dan danny: daniel
joe joey: joseph
chris: christopher christian christine christina
steve stevie: steven stephen
ed eddie ned: edward edmund
ted teddy: edward theodore
al: albert alfred alan allan allen alexander
alex: alexander alexandra alexis
andy drew: andrew
ben benny: benjamin
sam sammy: samuel samantha
matt: matthew
pat patty: patrick patricia
pete: peter
larry: lawrence laurence
jerry: gerald jerome jeremiah
jack johnny: john
hank harry: henry
hal: harold henry
chuck charlie: charles
fred freddie freddy: frederick alfred
greg: gregory
jeff: jeffrey geoffrey
ken kenny: kenneth
len lenny: leonard
nick: nicholas
phil: philip phillip
ray: raymond
ron ronnie: ronald
russ: russell
stan: stanley
tim timmy: timothy
walt wally: walter
doug: douglas
don donny: donald
gene: eugene
frank frankie: francis franklin
herb: herbert
vince: vincent
zach zack: zachary
nate: nathan nathaniel
josh: joshua
jake: jacob
liz lizzie beth betty betsy eliza: elizabeth
kate katie kathy cathy kitty: katherine catherine kathleen
meg peggy maggie: margaret
sue susie: susan suzanne
jen jenny: jennifer
jess jessie: jessica
deb debbie: deborah debra
barb: barbara
pam: pamela
vicky vickie: victoria
becky: rebecca
sally: sarah sara
mandy: amanda
abby: abigail
cindy: cynthia
sandy: sandra alexandra
tina: christina kristina
ellie: eleanor
""".strip().splitlines()
    for nicks, formal in [line.split(":")]
    for nick in nicks.split()
}

#: Past-tense news verbs that can start a terse line before a name ("Fired Jim O'Brien,
#: coach. Named Maurice Cheeks coach."): never the first word of a name.
LEAD_VERBS = _words("""
fired hired named appointed sacked ousted dismissed replaced promoted demoted suspended
signed traded released waived drafted acquired arrested charged convicted sentenced jailed
indicted accused acquitted freed detained killed shot stabbed injured wounded elected
nominated picked chosen tapped selected honored honoured awarded welcomed thanked praised
blamed slammed backed endorsed sued
""")
