import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadBusinessConfig } from './business-config';

function overrideFile(yaml: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'business-')), 'override.yaml');
  writeFileSync(file, yaml);
  return file;
}

describe('loadBusinessConfig', () => {
  it('loads the shipped defaults of docs/product.md', () => {
    const { config, problems } = loadBusinessConfig();
    expect(problems).toEqual([]);
    expect(config?.equipmentTypes).toHaveLength(10);
    expect(config?.equipmentTypes).toContain('Холодильники');
    expect(config?.slaMinutes).toEqual({ NEW: 120, ASSIGNED: 240, ACCEPTED: 480, ONSITE: 720 });
    expect(config?.quietHours).toEqual({ start: '22:00', end: '08:00' });
    expect(config?.profit.outOfCityBonusPercent).toBe(10);
    expect(config?.reminders.escalation).toEqual(['15m', '1h']);
    expect(config?.reminders.escalationMinutes).toEqual([15, 60]);
  });

  it('reads the intake settings: draft lifetime and equipment aliases', () => {
    const { config } = loadBusinessConfig();
    expect(config?.intake.draftTtlMinutes).toBe(24 * 60);
    expect(config?.intake.equipmentAliases['Холодильники']).toContain('х-к');
  });

  it('refuses an intake alias for a type that is not configured, and a bad lifetime', () => {
    const { problems } = loadBusinessConfig(
      overrideFile('intake:\n  draftTtl: soon\n  equipmentAliases:\n    Пылесосы: [пылесос*]\n'),
    );
    expect(problems).toEqual([
      'business config.intake.draftTtl: must be a duration like 30m, 24h or 1h30m',
      'business config.intake.equipmentAliases.Пылесосы: not one of equipmentTypes',
    ]);
  });

  it('reads the reminder escalation as durations', () => {
    const { config } = loadBusinessConfig(
      overrideFile('reminders:\n  escalation: [30m, 2h, 3h30m]\n'),
    );
    expect(config?.reminders.escalationMinutes).toEqual([30, 120, 210]);
    expect(config?.reminders.checkEveryMinutes).toBe(5);
  });

  it.each([['[2h, 30m]'], ['[30m, 30m]'], ['[soon]'], ['[0m]']])(
    'refuses the reminder escalation %s',
    (ladder) => {
      const { problems } = loadBusinessConfig(
        overrideFile(`reminders:\n  escalation: ${ladder}\n`),
      );
      expect(problems).toEqual([
        expect.stringMatching(/^business config\.reminders\.escalation: must be durations/),
      ]);
    },
  );

  it('refuses an empty reminder escalation', () => {
    const { problems } = loadBusinessConfig(overrideFile('reminders:\n  escalation: []\n'));
    expect(problems).toEqual(['business config.reminders.escalation: should not be empty']);
  });

  it('merges an override key by key, keeping the rest of the defaults', () => {
    const { config } = loadBusinessConfig(
      overrideFile('quietHours:\n  start: "23:00"\nprofit:\n  typeRates:\n    Кофе машина: 55\n'),
    );
    expect(config?.quietHours).toEqual({ start: '23:00', end: '08:00' });
    expect(config?.profit.typeRates).toEqual({ 'Кофе машина': 55 });
    expect(config?.profit.rules).toHaveLength(4);
  });

  it('names the path of every bad value', () => {
    const { config, problems } = loadBusinessConfig(
      overrideFile(
        'quietHours:\n  start: "25:00"\nslaMinutes:\n  NEW: -1\nschedule:\n  backup: "daily"\n',
      ),
    );
    expect(config).toBeUndefined();
    expect(problems).toEqual(
      expect.arrayContaining([
        'business config.slaMinutes.NEW: must not be less than 1',
        'business config.quietHours.start: must be a time as HH:MM',
        expect.stringMatching(/^business config\.schedule\.backup: must be a cron expression/),
      ]),
    );
  });

  it('refuses a type rate that is not a percentage', () => {
    const { problems } = loadBusinessConfig(
      overrideFile('profit:\n  typeRates:\n    Кофе машина: 150\n'),
    );
    expect(problems).toEqual([
      'business config.profit.typeRates.Кофе машина: must be a percentage from 0 to 100',
    ]);
  });

  it('reports an override that is not valid YAML', () => {
    const { problems } = loadBusinessConfig(overrideFile('quietHours: [unclosed'));
    expect(problems).toEqual([expect.stringContaining('override.yaml')]);
  });
});
