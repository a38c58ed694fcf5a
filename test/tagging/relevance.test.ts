// The default relevance check (every feed): sports results, celebrity,
// weather and markets-only items stay out; foreign-policy stories that use
// their words stay in. Cases written for this test, not taken from the
// curation set.
import { describe, expect, it } from 'vitest';
import { checkRelevance, type OffTopicKind } from '../../src/tagging/index.js';

const kind = (title: string, text = ''): OffTopicKind | null => checkRelevance({ title, text }).offTopic;

describe('checkRelevance: off-topic items stay out', () => {
  it('drops sports results of every kind, in every language', () => {
    const results: Array<[string, string]> = [
      ['Norway sweeps biathlon relay in Hochfilzen', 'Johannes Dale-Skjevdal anchored the team to a 40-second win over France.'],
      ['Odermatt wins Beaver Creek super-G', 'The Swiss skier beat Austria\u2019s Marco Schwarz by 0.31 seconds.'],
      ['Shiffrin claims 102nd World Cup slalom victory', 'The American led after both runs in Killington.'],
      ['Sinner beats Alcaraz to retain ATP Finals title', 'The Italian won 7-6 6-4 in Turin.'],
      ['Pakistan bowled out for 142 as England take series lead', 'Three wickets in four overs swung the second Test.'],
      ['Verstappen takes pole for Abu Dhabi Grand Prix', 'The Dutch driver edged McLaren by a tenth of a second.'],
      ['Le Japon bat l\u2019Australie en finale du Mondial de handball', 'Les Japonais se sont imposés 31-29 à Copenhague.'],
      ['Ski alpin : doublé autrichien à Val d\u2019Isère', 'Les Autrichiens ont dominé la descente, devant un Suisse.'],
      ['Biathlon-Weltcup: Deutsche Staffel auf Platz drei', 'Die Mannschaft lag nach dem letzten Schießen zurück.'],
      ['Brasil vence a Argentina nas eliminatórias', 'A seleção venceu por 2-0 no Maracanã com dois gols no segundo tempo.'],
      // League results as Portuguese and Spanish papers write them: "por 3 a 1", the round, the table.
      ['Flamengo vence o Grêmio e assume a liderança do Campeonato Brasileiro', 'O rubro-negro ganhou por 3 a 1 na 30ª rodada.'],
      ['Corinthians bate o Santos no clássico', 'O time venceu por 2 a 1 e subiu para o sexto lugar na tabela de classificação.'],
      ['El Betis gana al Sevilla en la jornada 14', 'Los verdiblancos se impusieron por 2 a 0 y suman 25 puntos.'],
    ];
    for (const [title, text] of results) expect(kind(title, text), title).toBe('sports');
  });

  it('drops weather reports: heat, storms, floods and snow as weather news', () => {
    const reports: Array<[string, string]> = [
      ['Heatwave pushes Athens past 43C', 'Authorities closed the Acropolis in the afternoon as temperatures soared.'],
      ['Storm Ciarán batters Brittany with 200 km/h gusts', 'Météo-France kept its red alert as trees fell across the region.'],
      ['Floods swamp northern Italy after days of torrential rain', 'Rivers burst their banks in Emilia-Romagna.'],
      ['Canicule : la France en vigilance rouge', 'Les températures dépasseront 40 °C dans le Sud-Ouest.'],
      ['Unwetter: Hochwasser in Sachsen', 'Der Deutsche Wetterdienst warnt vor Starkregen bis Sonntag.'],
      ['Typhoon brings flooding to southern Taiwan', 'Heavy rain and winds closed schools and offices in Kaohsiung.'],
    ];
    for (const [title, text] of reports) expect(kind(title, text), title).toBe('weather');
  });

  it('drops celebrity and markets-only items', () => {
    expect(kind('Pop star and footballer wed at Tuscan villa', 'The couple married before 300 guests, their publicist said.')).toBe('celebrity');
    expect(kind('Kospi hits record close as chipmakers rally', 'The benchmark index rose 2.1%; the won firmed against the dollar.')).toBe('markets');
    expect(kind('Peso slides to record low against the dollar', 'The currency fell 1.2% as investors sold emerging-market bonds.')).toBe('markets');
  });
});

describe('checkRelevance: foreign-policy stories that use those words stay in', () => {
  it('keeps sanctions, boycotts and bans that involve sport', () => {
    expect(kind('EU sanctions Russian football club owner over war', 'The oligarch, who owns a Premier League side, had his assets frozen.')).toBeNull();
    expect(kind('Britain freezes assets of cricket board chief over Zimbabwe abuses', 'Sanctions target officials accused of election violence.')).toBeNull();
    expect(kind('Ukraine to boycott Winter Olympics if Russia is readmitted', 'The sports minister said the government would not send a team.')).toBeNull();
  });

  it('keeps weather that becomes diplomacy: aid requests, ministers\u2019 summits, climate talks', () => {
    expect(kind('Storm-hit Cuba asks Mexico and Venezuela for emergency aid', 'Havana appealed to neighbours after the hurricane flattened homes.')).toBeNull();
    expect(kind('Heatwave summit: Mediterranean ministers agree joint plan', 'Environment ministers from 12 countries met in Athens as temperatures hit 44C.')).toBeNull();
    expect(kind('Flood-hit Pakistan seeks IMF loan rescheduling', 'The government said damage from the monsoon floods ran to $12bn.')).toBeNull();
    expect(kind('Philippines asks Japan for help after typhoon', 'Manila requested military aircraft and relief supplies from Tokyo.')).toBeNull();
  });

  it('keeps rounds of talks, whatever the word for a round', () => {
    expect(kind('Brasil e Argentina abrem nova rodada de negociações sobre tarifas', 'Os chanceleres se reúnem em Brasília para a segunda rodada.')).toBeNull();
    expect(kind('Nueva jornada de negociaciones entre Venezuela y la oposición en Barbados', 'Los mediadores noruegos presiden la sesión.')).toBeNull();
  });

  it('keeps elections, cyber sanctions and state measures that move markets', () => {
    expect(kind('Opposition wins local elections as ruling party loses ground', 'The opposition won 14 of 22 mayoral races.')).toBeNull();
    expect(kind('Japan sanctions North Korean hackers over crypto theft', 'Tokyo froze the assets of a group blamed for stealing $200m in cryptocurrency from an exchange.')).toBeNull();
    expect(kind('Markets fall as US imposes tariffs on Chinese steel', 'Shares in Shanghai slid after Washington announced the tariffs.')).toBeNull();
    expect(kind('Turkey buys 40 Eurofighter Typhoon jets from Britain', 'The deal was signed in Ankara.')).toBeNull();
    expect(kind('Storm Shadow missiles hit Russian depot', 'Ukraine used the British-made missiles against an ammunition store.')).toBeNull();
  });
});
