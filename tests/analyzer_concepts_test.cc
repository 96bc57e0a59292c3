// Golden table: text -> concept mentions with polarity, for every rule of the
// concept and negation dictionaries, look-alike traps included.
#include <catch2/catch.hpp>

#include "analyzer_test_support.h"

using socialsoeg::analysis::Side;

namespace {

// "concept+ concept- ..." in text order; "" when none.
std::string mentions(const char* text) {
  const auto& a = socialsoeg::test::analyzer();
  std::string out;
  for (const auto& m : a.mentions(a.analyze(text, Side::kIndex))) {
    if (!out.empty()) out += ' ';
    out += m.concept_id + (m.affirmed ? "+" : "-");
  }
  return out;
}

struct Row {
  const char* text;
  const char* mentions;
};

const Row kRows[] = {
    // Words in any inflection or compound.
    {"Spritbilisterne blev standset.", "spirituskoersel+"},
    {"Der var husspektakler på adressen.", "husspektakel+"},
    {"Voldsepisoden fandt sted i går.", "vold+"},
    {"Partnervolden har stået på længe.", "vold+ partnervold+"},
    {"Han blev sigtet for spiritus-/narkokørsel.", "spirituskoersel+ narkokoersel+"},
    // Patterns.
    {"Han truede med at tage sit eget liv.", "selvmordstrussel+"},
    {"Alkometertesten viste en promille på 1,2.", "spirituskoersel+"},
    {"Han blev sigtet efter § 53.", "spirituskoersel+"},
    {"Han slog sin samlever i ansigtet.", "vold+ partnervold+"},
    {"Han blev indsat i detentionen.", "beruselse+"},
    // A single word inside another concept's mention belongs to it.
    {"Han kørte påvirket af hash.", "narkokoersel+"},
    {"Hun fremsatte trusler om selvmord.", "selvmordstrussel+"},
    // Negation, scoped to the clause.
    {"Der var ingen tegn på vold.", "vold-"},
    {"Alkometertesten viste 0,0 promille.", "spirituskoersel-"},
    {"Narkotesten var negativ, og han kørte videre.", "narkokoersel-"},
    {"Han blev ikke sigtet for spirituskørsel.", "spirituskoersel-"},
    {"Der var ikke tale om husspektakel.", "husspektakel-"},
    {"Der var ikke tale om vold, men om et uheld.", "vold-"},
    {"Han var ikke beruset, men han havde slået hende.", "beruselse- vold+"},
    {"Sigtelsen for trusler blev frafaldet.", "trusler-"},
    // Pseudo-negations are not negation.
    {"Der var ikke kun tale om vold.", "vold+"},
    {"Hun var ikke i stand til at passe børnene.", "omsorgssvigt+"},
    // Look-alikes are no mentions.
    {"Det regnede voldsomt hele natten.", ""},
    {"Cyklen stod i Voldgade.", ""},
    {"Han fik kørselsgodtgørelse for turen.", ""},
    {"Himlen truede med regn.", ""},
    {"Han postede et hashtag om sagen.", ""},
    {"Han havde været i Rusland.", ""},
    {"Tilholdsstedet for de unge var lukket.", ""},
    {"Tanken var fuld.", ""},
    {"Området huser truede fuglearter.", ""},
    // Children present: context, never a risk on its own.
    {"Parrets to børn var til stede.", "boern-til-stede+"},
    {"Der var ingen børn på adressen.", "boern-til-stede-"},
};

// Reports say the same thing in words the dev set does not use: a probe of 233
// sentences written after the dictionary (the misses it found are the patterns
// added on 2026-11-24 — the concept after the act, relatives such as
// "ægtemand", "forsøgt selvmord", "overladt til sig selv"), and everyday
// sentences that must stay silent ("Bilen var fuld af bagage").
const Row kOtherWords[] = {
    {"Føreren blæste 1,4 promille i alkometeret og fik inddraget kørekortet.", "spirituskoersel+"},
    {"En 41-årig mand blev standset for spirituskørsel på motorvejen.", "spirituskoersel+"},
    {"Bilisten var tydeligt beruset og kørte slingrende.", "spirituskoersel+"},
    {"Han blev sigtet for kørsel i spirituspåvirket tilstand.", "spirituskoersel+"},
    {"Føreren testede positiv for kokain ved narkometer-testen.", "narkokoersel+"},
    {"Blodprøve viste THC, og han er sigtet for kørsel under påvirkning af narkotika.", "narkokoersel+ narkokoersel+"},
    {"Den unge mand kørte bil påvirket af euforiserende stoffer.", "narkokoersel+"},
    {"Manden slog sin samlever i ansigtet med knytnæve.", "vold+ partnervold+"},
    {"Kvinden blev sparket og skubbet ned ad trappen.", "vold+"},
    {"Han tildelte offeret flere knytnæveslag.", "vold+"},
    {"Han truede med at slå ham ihjel.", "trusler+"},
    {"Naboen fremsatte trusler mod familien.", "trusler+"},
    {"Han truede sin ekskæreste på livet via sms.", "trusler+"},
    {"Manden udtalte, at han ville tage sit eget liv.", "selvmordstrussel+"},
    {"Hun gav udtryk for selvmordstanker og blev kørt til psykiatrisk skadestue.", "selvmordstrussel+"},
    {"Han truede med at begå selvmord.", "selvmordstrussel+"},
    {"Naboer anmeldte råben og skrigen fra lejligheden.", "husspektakel+"},
    {"Politiet rykkede ud til et skænderi mellem et par i en lejlighed.", "husspektakel+"},
    {"Der var larm og uro i hjemmet, og børnene græd.", "husspektakel+ boern-til-stede+"},
    {"Ved ransagningen fandt politiet 30 gram hash og en vægt.", "stoffer+"},
    {"Han var i besiddelse af amfetamin til eget forbrug.", "stoffer+ stoffer+"},
    {"Der blev fundet kokain i lommen.", "stoffer+"},
    {"Moderen var stærkt beruset, da politiet ankom.", "beruselse+"},
    {"Faderen var fuld og kunne ikke tage vare på børnene.", "beruselse+ omsorgssvigt+"},
    {"Hun fremstod påvirket af alkohol.", "beruselse+"},
    {"Børnene var overladt til sig selv i flere dage uden mad.", "omsorgssvigt+ omsorgssvigt+"},
    {"Lejligheden var i stærkt uhumsk stand, og børnene var beskidte.", "omsorgssvigt+ omsorgssvigt+"},
    {"Han overtrådte et polititilhold ved at kontakte hende.", "tilhold+"},
    {"Manden har et kontaktforbud over for sin tidligere partner.", "tilhold+"},
    {"Kvinden blev udsat for vold af sin kæreste.", "vold+ partnervold+"},
    {"Hun blev slået af sin ægtemand i hjemmet.", "vold+ partnervold+"},
    {"Ved færdselskontrollen viste alkometret 0,9 promille.", "spirituskoersel+"},
    {"Føreren var synligt påvirket af spiritus og blev anholdt.", "spirituskoersel+"},
    {"Bilisten var påvirket af kokain under kørslen.", "narkokoersel+"},
    {"Narkotesten gav udslag for amfetamin, og føreren blev sigtet.", "narkokoersel+"},
    {"Han stak sin bror med en kniv.", "vold+"},
    {"Den sigtede slog forurettede i hovedet med en flaske.", "vold+"},
    {"Hun fortalte, at hendes samlever havde slået hende flere gange.", "vold+ partnervold+"},
    {"Han sagde, at han ville dræbe hende.", "trusler+"},
    {"Manden truede personalet med en kniv.", "trusler+"},
    {"Han stod på broen og ville springe ud.", "selvmordstrussel+"},
    {"Kvinden havde forsøgt selvmord ved at tage piller.", "selvmordstrussel+"},
    {"Anmelderen hørte skænderi og høje råb fra naboens lejlighed.", "husspektakel+"},
    {"Ved visitationen fandt man en pose med kokain.", "stoffer+"},
    {"Han solgte hash fra sin lejlighed.", "stoffer+"},
    {"Manden var så fuld, at han ikke kunne stå på benene.", "beruselse+"},
    {"Moderen lugtede kraftigt af alkohol.", "beruselse+"},
    {"Børnene havde ikke fået mad i to dage.", "omsorgssvigt+"},
    {"En 3-årig blev fundet alene hjemme.", "omsorgssvigt+"},
    {"Han har overtrådt tilholdet flere gange.", "tilhold+"},
    {"Bilen var fuld af bagage.", ""},
    {"Han kørte sin datter i skole.", ""},
    {"Føreren blev standset for at køre over for rødt lys.", ""},
    {"Der blev ikke fundet stoffer ved ransagningen.", "stoffer-"},
    {"Han nægtede at have drukket alkohol og blæste 0,0 promille.", "spirituskoersel-"},
    {"Parkeringspladsen var fuld.", ""},
    {"Hun kørte sin mand på hospitalet.", ""},
    {"Føreren havde glemt sit kørekort.", ""},
    {"Manden var ædru og samarbejdsvillig.", "beruselse-"},
    {"Børnene var i skole, og forældrene var på arbejde.", ""},
    {"Kvinden var bekymret for sin mand, der havde været væk i to dage.", ""},
    {"Den 35-årige bilist fik en bøde for at tale i mobiltelefon.", ""},
    {"De beskidte tallerkener stod i vasken.", ""},
    {"Han overlod nøglerne til sin søn.", ""},
    // A threat to stab is a threat, not violence; "stak af" is running away.
    {"Hun truede med at stikke ham med en kniv.", "trusler+"},
    {"Han stak af fra stedet, da politiet kom.", ""},
    {"Han stak hånden i lommen og fandt en kniv.", ""},
    // "potten" (a child's potty) shares its stem with "pot" (cannabis).
    {"Barnet sad på potten.", ""},
    {"De røg pot hele aftenen.", "stoffer+"},
    // A third probe: journal-note style ("Pgl."), acts told before the state,
    // and look-alikes its first patterns caught in the generated reports.
    {"Pgl. blev anholdt for kørsel med en alkoholpromille over 0,5.", "spirituskoersel+"},
    {"Den 52-årige var fuld og havde kørt galt i sin bil.", "spirituskoersel+"},
    {"Han blev taget for at køre i påvirket tilstand efter en julefrokost.", "spirituskoersel+"},
    {"Udåndingsprøven var positiv, og føreren blev bragt til blodprøve.", "spirituskoersel+"},
    {"Føreren var påvirket af narkotika og blev frakendt førerretten.", "narkokoersel+"},
    {"Han førte bil efter at have indtaget kokain.", "narkokoersel+"},
    {"Forurettede blev tildelt et slag med en flaske i hovedet.", "vold+"},
    {"Han angreb betjenten og bed ham i armen.", "vold+ vold+"},
    {"Den sigtede skubbede kvinden, så hun faldt og slog hovedet.", "vold+"},
    {"Der blev anmeldt et overfald på en 17-årig ved banegården.", "vold+"},
    {"Manden blev udsat for grov vold og kom på hospitalet.", "vold+"},
    {"Hun fortalte, at kæresten havde holdt hende fast og slået hende.", "vold+ partnervold+ vold+"},
    {"Politiet blev kaldt til en adresse, hvor en mand havde udøvet vold mod sin hustru.", "vold+ partnervold+"},
    {"Han truede naboen med bank.", "trusler+"},
    {"Den sigtede udtalte, at han ville skyde betjentene.", "trusler+"},
    {"Hun blev truet med en økse.", "trusler+"},
    {"Kvinden blev fundet i badekarret med skår i håndleddene.", "selvmordstrussel+"},
    {"Han var selvmordstruet og blev indlagt.", "selvmordstrussel+"},
    {"Anmelder hørte et par skændes voldsomt i opgangen.", "husspektakel+"},
    {"Der var uro på adressen, hvor et par var kommet op at toppes.", "husspektakel+"},
    {"Naboen anmeldte, at der blev smadret ting i lejligheden ovenpå.", "husspektakel+"},
    {"Han blev anholdt for salg af narko.", "stoffer+"},
    {"I lejligheden blev der fundet en hashplantage.", "stoffer+"},
    {"Pgl. var kendt misbruger af hårde stoffer.", "stoffer+"},
    {"Faderen var beruset og lå og sov på sofaen, da politiet kom.", "beruselse+"},
    {"Manden var i en sådan grad påvirket, at han blev indsat i detentionen.", "beruselse+"},
    {"Den 2-årige havde været alene i lejligheden hele natten.", "omsorgssvigt+"},
    {"Der var hverken mad eller rene tøj til børnene.", "omsorgssvigt+"},
    {"Moderen lod sine små børn være alene, mens hun var i byen.", "omsorgssvigt+"},
    {"Han blev anholdt for at overtræde et tilhold over for sin ekskone.", "tilhold+"},
    {"Politiet udstedte et tilhold mod manden.", "tilhold+"},
    {"Deres to mindreårige døtre var hjemme under episoden.", "boern-til-stede+"},
    {"Familiens treårige søn var vågen og så det hele.", "boern-til-stede+"},
    {"Han faldt på isen og slog hovedet.", ""},
    {"Hun truede med at flytte, hvis lejen steg.", ""},
    {"Barnet legede med en plastikkniv.", ""},
    {"Han drak sodavand og spiste pizza.", ""},
    {"Manden var blevet slået ud af konkurrencen.", ""},
    {"Hun skød sig selv i foden med den beslutning.", ""},
    {"Kørslen foregik uden problemer.", ""},
    {"Han blev kaldt en tyv af sin bror.", ""},
    {"Naboerne holdt fest til sent ud på natten.", ""},
    {"Moderen var træt efter en lang arbejdsdag.", ""},
    {"Klokken slog tolv, da vagten låste porten.", ""},
    {"Narkohunden markerede ikke, og der blev ikke fundet stoffer i bilen.", "stoffer-"},
    // Children by their age; a child left alone was not present (that is neglect).
    {"En 6-årig dreng var til stede, da det skete.", "boern-til-stede+"},
    {"Den 10-årige havde hørt det hele fra sit værelse.", "boern-til-stede+"},
    {"Hun havde efterladt sin 4-årige søn alene i lejligheden.", "omsorgssvigt+"},
    {"Der blev konstateret mangler i omsorgen for børnene i hjemmet.", "omsorgssvigt+"},
    {"En 8-årig pige befandt sig i huset under episoden.", "boern-til-stede+"},
    {"Den 7-årige havde gemt sig under sengen.", "boern-til-stede+"},
    // A second probe, written after the first round of patterns: other verbs,
    // other relatives, and "påvirket" that means shaken, not drunk.
    {"Politiet blev tilkaldt til et voldsomt skænderi mellem ægteparret.", "husspektakel+"},
    {"Der var tumult i lejligheden, og naboerne ringede til politiet.", "husspektakel+"},
    {"Patruljen kørte til en adresse, hvor et par havde et højlydt skænderi.", "husspektakel+"},
    {"Naboerne klagede over råberi og banken i væggene.", "husspektakel+ husspektakel+"},
    {"Det unge par var oppe at skændes, og kvinden smed ting efter manden.", "husspektakel+"},
    {"Parrets børn på 4 og 7 år overværede episoden.", "boern-til-stede+"},
    {"Et spædbarn var i lejligheden under skænderiet.", "boern-til-stede+ husspektakel+"},
    {"Sønnen på 10 år så det hele.", "boern-til-stede+"},
    {"Børnene sov i værelset ved siden af.", "boern-til-stede+"},
    {"Kvinden har fået tilhold mod sin tidligere samlever.", "tilhold+"},
    {"Han blev anholdt for overtrædelse af opholdsforbud.", "tilhold+"},
    {"Manden har et tilhold og må ikke kontakte hende.", "tilhold+"},
    {"Han blev sigtet for besiddelse af euforiserende stoffer.", "stoffer+"},
    {"Politiet beslaglagde 200 ecstasy-piller.", "stoffer+"},
    {"I bilen lå en joint og en pose skunk.", "stoffer+ stoffer+"},
    {"Han indrømmede at have røget hash samme aften.", "stoffer+"},
    {"Der blev fundet kanyler og heroin i lejligheden.", "stoffer+ stoffer+"},
    {"De små børn gik rundt i bleer, der ikke var skiftet i flere dage.", "omsorgssvigt+"},
    {"Moderen var for påvirket til at passe sin baby.", "beruselse+ omsorgssvigt+ boern-til-stede+"},
    {"Den 5-årige blev fundet alene på gaden sent om aftenen.", "omsorgssvigt+"},
    {"Børnene havde ikke været i skole i flere uger.", "omsorgssvigt+"},
    {"Den 23-årige blev overfaldet af tre ukendte gerningsmænd.", "vold+"},
    {"Han gav ham en flad og et hovedstød.", "vold+ vold+"},
    {"Offeret blev slået i jorden og sparket.", "vold+"},
    {"Hun blev kvalt og fik mærker på halsen.", "vold+ vold+"},
    {"Kvinden oplyste, at hendes mand ofte slog hende.", "vold+ partnervold+"},
    {"Han tog kvælertag på sin kone.", "vold+ partnervold+"},
    {"Han råbte, at han ville komme tilbage og slå hende ihjel.", "trusler+"},
    {"Hun modtog truende beskeder fra sin ekskæreste.", "trusler+"},
    {"Manden viftede med en kniv og truede de ansatte.", "trusler+ trusler+"},
    {"Hun skrev på Facebook, at hun ikke ville leve mere.", "selvmordstrussel+"},
    {"Han blev fundet med et reb og udtalte selvmordstanker.", "selvmordstrussel+"},
    {"Kvinden havde taget en overdosis piller.", "selvmordstrussel+"},
    {"Manden var tydeligt påvirket og kunne næsten ikke stå.", "beruselse+"},
    {"Han havde drukket hele dagen og var meget påvirket.", "beruselse+"},
    {"Moderen var så beruset, at hun faldt om.", "beruselse+"},
    {"Han havde en promille på 2,1, da han blev stoppet.", "spirituskoersel+"},
    {"Føreren nægtede at medvirke til udåndingsprøve.", "spirituskoersel+"},
    {"Blodprøven viste kokain, og han blev frakendt kørekortet.", "narkokoersel+"},
    {"Han blev stoppet i en rutinekontrol og var påvirket af cannabis.", "narkokoersel+"},
    {"Han fik en flad dæk på motorvejen.", ""},
    {"Drengen faldt og slog hovedet i legepladsen.", ""},
    {"Politiet holdt færdselskontrol ved skolen.", ""},
    {"Moderen hentede børnene i børnehaven.", ""},
    {"Kvinden var ked af det, men ikke påvirket.", ""},
    {"Han blev kørt hjem af sin kone.", ""},
    {"Naboen klagede over en hund, der gøede.", ""},
    {"Barnet blev undersøgt af lægen og havde det godt.", ""},
    {"Han drak en kop kaffe med betjentene.", ""},
    {"Manden havde slået sig på cyklen.", ""},
    {"Kvinden var meget påvirket af situationen og græd.", ""},
    {"Anmelderen var tydeligt påvirket af episoden.", ""},
    {"Han var stærkt påvirket af dødsfaldet.", ""},
    {"Føreren fremstod tydeligt påvirket og talte sløret.", "spirituskoersel+"},
    {"Han var for påvirket til at blive afhørt.", "beruselse+"},
    {"Drengen var meget påvirket og ked af det.", ""},
    // A fourth probe; "slog op med" is breaking up.
    {"Bilisten havde drukket fire øl, inden han satte sig bag rattet.", "spirituskoersel+"},
    {"Han blev anholdt for spritkørsel for tredje gang.", "spirituskoersel+"},
    {"En påvirket bilist kørte ind i en lygtepæl.", "spirituskoersel+"},
    {"Han blev sigtet for at have kørt bil efter indtagelse af hash.", "narkokoersel+"},
    {"Spytprøven var positiv for kokain.", "narkokoersel+"},
    {"Han blev anholdt for at have slået en mand ned foran en bar.", "vold+"},
    {"Hun blev ramt af et knytnæveslag og mistede en tand.", "vold+"},
    {"Den 30-årige blev sigtet for legemsangreb.", "vold+"},
    {"Hun har tidligere anmeldt sin samlever for vold.", "vold+ partnervold+"},
    {"Kvinden havde blå mærker efter at være blevet slået af sin kæreste.", "vold+ vold+ partnervold+"},
    {"Han truede med at brænde huset ned.", "trusler+"},
    {"Manden sendte en sms, hvor han skrev, at han ville slå hende ihjel.", "trusler+"},
    {"Han havde forsøgt at hænge sig.", "selvmordstrussel+"},
    {"Hun sagde, at hun ville tage sit liv, hvis han gik.", "selvmordstrussel+"},
    {"Et par var oppe at slås i lejligheden.", "husspektakel+"},
    {"Naboerne hørte et voldsomt skænderi og glas, der blev smadret.", "husspektakel+"},
    {"Han blev taget med 50 gram kokain i bilen.", "stoffer+"},
    {"Politiet fandt hashpiber og en vægt ved ransagningen.", "stoffer+"},
    {"Han var så beruset, at han ikke kunne huske sit navn.", "beruselse+"},
    {"Faderen var påvirket af alkohol, da han hentede børnene.", "beruselse+"},
    {"Børnene var sultne og havde ikke fået noget at spise.", "omsorgssvigt+ omsorgssvigt+"},
    {"Den lille pige var beskidt og underernæret.", "boern-til-stede+ omsorgssvigt+"},
    {"Han mødte op ved hendes bopæl på trods af tilholdet.", "tilhold+"},
    {"Parrets to små børn var hjemme og så skænderiet.", "boern-til-stede+ husspektakel+"},
    {"Han kørte til Aarhus for at besøge sin mor.", ""},
    {"Kvinden slog op med sin kæreste.", ""},
    {"Der var ingen tegn på, at han havde drukket.", ""},
    {"Pigen var på ferie hos sine bedsteforældre.", ""},
    {"Manden fik hjælp af naboen til at bære sofaen.", ""},
    // A fifth probe: relatives by name ("sin far"), the shelter, "i promille".
    {"Han blev stoppet med 1,8 i promille og mistede kørekortet.", "spirituskoersel+"},
    {"Føreren af personbilen var påvirket af spiritus.", "spirituskoersel+"},
    {"Han kørte knallert påvirket af amfetamin.", "narkokoersel+"},
    {"Den 19-årige blev sigtet for kørsel i narkotikapåvirket tilstand.", "narkokoersel+"},
    {"Han slog sin far med en knytnæve.", "vold+"},
    {"Hun blev overfaldet og bestjålet i parken.", "vold+"},
    {"Offeret fik flere spark mod hovedet.", "vold+"},
    {"Hendes ekskæreste havde tævet hende.", "vold+ partnervold+"},
    {"Kvinden var flygtet til krisecenter efter vold fra manden.", "tilhold+ vold+ partnervold+"},
    {"Han truede ekspedienten med en pistol.", "trusler+"},
    {"Hun fik dødstrusler fra sin ekssvigersøn.", "trusler+"},
    {"Han havde skrevet et afskedsbrev.", "selvmordstrussel+"},
    {"Patruljen fandt manden på en bro, hvor han truede med at springe.", "selvmordstrussel+"},
    {"Der var slagsmål mellem forældrene i hjemmet.", "husspektakel+"},
    {"Naboen ringede, fordi parret skændtes højlydt.", "husspektakel+"},
    {"Han blev anholdt med en større mængde kokain.", "stoffer+"},
    {"I hans lomme lå tre poser amfetamin.", "stoffer+"},
    {"Han var så fuld, at han faldt om på fortovet.", "beruselse+"},
    {"Hun blev fundet bevidstløs af druk.", "beruselse+"},
    {"Spædbarnet lå alene i barnevognen i timevis.", "omsorgssvigt+"},
    {"Forældrene var så påvirkede, at de ikke kunne tage sig af børnene.", "beruselse+ omsorgssvigt+"},
    {"Manden overtrådte kontaktforbuddet ved at ringe til hende.", "tilhold+"},
    {"De to børn på 3 og 5 år var i lejligheden.", "boern-til-stede+"},
    {"Han købte en ny bil i weekenden.", ""},
    {"Pigen fik en skramme, da hun faldt af cyklen.", ""},
    {"Han røg en cigaret uden for butikken.", ""},
    {"Faderen var stolt af sin søn.", ""},
    {"Manden var fuld af energi.", ""},
    // A negation reaches along a list, past its window.
    {"Ingen af de to førere var påvirket af spiritus eller narko, oplyser politiet.", "spirituskoersel- narkokoersel-"},
    // Said not to have drunk: a negated mention, a driver's drink-driving.
    {"Bilisten havde ikke drukket, men var blændet af solen.", "spirituskoersel-"},
    {"Han var med til festen uden at drikke.", "beruselse-"},
    {"Alkometeret viste 0,0.", "spirituskoersel-"},
    // "Der var intet, der tydede på": the cue across the writer's commas.
    {"Der var intet, der tydede på, at han ville gøre skade på sig selv.", "selvmordstrussel-"},
    // The partner named in the sentence before the blow.
    {"En 27-årig kvinde anmeldte sin samlever. Han havde slået hende flere gange.", "vold+ partnervold+"},
    // "pos." and "neg." are the words they shorten.
    {"narkotest pos. for kokain, kørekortet inddraget", "narkokoersel+"},
    {"testet for spiritus, udåndingsprøve neg.", "spirituskoersel-"},
    // A refused application for a restraining order, and a rampart.
    {"Politiet har afslået hendes ansøgning om et tilhold.", "tilhold-"},
    {"Volden ved Kronborg er spærret af efter et skred i fæstningsmuren.", ""},
};

}  // namespace

TEST_CASE("concept mentions golden table", "[analyzer][concepts][golden]") {
  for (const Row& row : kRows) {
    INFO("text: " << row.text);
    CHECK(mentions(row.text) == row.mentions);
  }
}

TEST_CASE("concept mentions in words the dev set does not use", "[analyzer][concepts][golden]") {
  for (const Row& row : kOtherWords) {
    INFO("text: " << row.text);
    CHECK(mentions(row.text) == row.mentions);
  }
}

TEST_CASE("concepts: ids, aliases and the risk flag come from the dictionary", "[analyzer][concepts]") {
  const auto& d = socialsoeg::test::analyzer().concepts();
  CHECK(d.concepts().size() == 13);
  // A sexual offence is its own concept, never violence by its first part.
  REQUIRE(d.lookup("sexual-offence"));
  CHECK(d.lookup("sexual-offence")->id == "seksualforbrydelse");
  CHECK(d.lookup("seksualforbrydelse")->parent.empty());
  REQUIRE(d.lookup("drink-driving"));
  CHECK(d.lookup("drink-driving")->id == "spirituskoersel");
  CHECK(d.lookup("partnervold")->parent == "vold");
  CHECK_FALSE(d.lookup("boern-til-stede")->risk);
  CHECK(d.lookup("vold")->risk);
  CHECK(d.lookup("no-such-concept") == nullptr);
}

TEST_CASE("concepts: a mention's span points at the words that carry it", "[analyzer][concepts]") {
  const std::string text = "Kl. 02.05 blev han sigtet for spritkørsel.";
  const auto& a = socialsoeg::test::analyzer();
  const auto m = a.mentions(a.analyze(text, Side::kIndex));
  REQUIRE(m.size() == 1);
  CHECK(text.substr(m[0].start, m[0].end - m[0].start) == "spritkørsel");
}
