import { createHash } from 'node:crypto';
import { extractSkills, InvalidAsOfDate, normalizeResumeText, RESUME_EXTRACTOR_VERSION, type ResumeCatalog, type SkillFinding } from '../../index';

const CATALOG: ResumeCatalog = {
  catalogVersion: 'test-7',
  skills: [
    { skillId: 'skill:language-proficiency', name: 'Core language proficiency', aliases: ['Java', 'JavaScript', 'C++', 'C#', 'Node.js', 'Python', { text: 'Go', ambiguous: true, caseSensitive: true }, { text: 'C', ambiguous: true, caseSensitive: true }, { text: 'R', ambiguous: true, caseSensitive: true }, { text: 'Rust', ambiguous: true, caseSensitive: true }, 'Golang'] },
    { skillId: 'skill:web-framework', name: 'A web framework', aliases: ['.NET', 'ASP.NET', 'React', 'Spring Boot', { text: 'Spring', ambiguous: true, caseSensitive: true }] },
    { skillId: 'skill:rest-api', name: 'REST API design', aliases: [{ text: 'REST', ambiguous: true, caseSensitive: true }, 'RESTful'] },
    { skillId: 'skill:ci-cd', name: 'CI/CD pipelines', aliases: ['CI/CD', 'Jenkins'] },
    { skillId: 'skill:sql', name: 'SQL', aliases: ['SQL', 'PostgreSQL', 'MySQL', 'Oracle'] },
    { skillId: 'skill:kubernetes', name: 'Kubernetes', aliases: ['Kubernetes', 'K8s'] },
    { skillId: 'skill:docker', name: 'Docker and containers', aliases: ['Docker'] },
    { skillId: 'skill:message-queues', name: 'Message queues', aliases: ['Kafka', 'SQS'] },
    { skillId: 'skill:aws-messaging', name: 'Messaging on AWS', aliases: ['SQS'] },
    { skillId: 'skill:testing', name: 'Testing', aliases: [] },
  ],
  blockers: ['Oracle Hyperion', 'Go live'],
};
const AS_OF = { asOf: '2026-11-21' };

const analyse = (text: string, catalog: ResumeCatalog = CATALOG, options = AS_OF) => extractSkills(text, catalog, options);
const find = (text: string, skillId: string): SkillFinding | undefined => analyse(text).skills.find((skill) => skill.skillId === skillId);
const claimedIds = (text: string) =>
  analyse(text)
    .skills.filter((skill) => skill.status === 'claimed')
    .map((skill) => skill.skillId)
    .sort();

describe('extractSkills: tokens', () => {
  it.each([
    ['Built services in C++ and C#.', ['C++', 'C#']],
    ['Ported a .NET app and an ASP.NET site.', ['.NET', 'ASP.NET']],
    ['APIs in Node.js, released through CI/CD.', ['Node.js', 'CI/CD']],
  ])('when the text is "%s", then the symbols stay part of the names %j', (text, names) => {
    const evidence = analyse(text).skills.flatMap((skill) => skill.evidence.map((e) => e.text));
    expect(evidence.sort()).toEqual([...names].sort());
  });

  it('when Java appears only inside JavaScript, then Java is not found on its own', () => {
    const found = find('Frontend work in JavaScript only.', 'skill:language-proficiency');
    expect(found?.evidence.map((e) => e.text)).toEqual(['JavaScript']);
  });

  it('when "reactive" is written, then React is not found', () => {
    expect(find('Wrote reactive streams with backpressure.', 'skill:web-framework')).toBeUndefined();
  });

  it('when a name carries a version ("Python3", "MySQL 8"), then it is still found', () => {
    expect(claimedIds('Scripts in Python3 against MySQL 8.')).toEqual(['skill:language-proficiency', 'skill:sql']);
  });

  it('when a name is part of a hyphenated word ("Java-based"), then it counts; "Objective-C" does not give C', () => {
    expect(find('Maintained Java-based services.', 'skill:language-proficiency')?.evidence.map((e) => e.text)).toEqual(['Java']);
    expect(find('Apps in Objective-C for iOS developers.', 'skill:language-proficiency')).toBeUndefined();
  });

  it('when a name appears only in a URL or e-mail address, then it is ignored', () => {
    expect(analyse('See https://github.com/me/kafka-demo or mail docker@example.com').skills).toEqual([]);
  });

  it('when a blocker phrase covers an alias ("Oracle Hyperion"), then no skill is claimed from it', () => {
    expect(claimedIds('Consultant for Oracle Hyperion planning.')).toEqual([]);
    expect(claimedIds('Tuned Oracle and MySQL databases.')).toEqual(['skill:sql']);
  });

  it('when an alias is shared by two skills, then both are claimed from the same span', () => {
    const result = analyse('Queued jobs on SQS.');
    expect(result.skills.map((skill) => [skill.skillId, skill.evidence[0].text])).toEqual([
      ['skill:aws-messaging', 'SQS'],
      ['skill:message-queues', 'SQS'],
    ]);
  });

  it('when a skill has no aliases, then its name is matched', () => {
    expect(claimedIds('Testing of the payment flows.')).toContain('skill:testing');
  });
});

describe('extractSkills: ambiguous names', () => {
  it.each([
    ['Let us go to the park and rest.', []],
    ['Go the extra mile for customers.', []],
    ['Grade C in mathematics.', []],
    ['Spring 2019 semester abroad.', []],
    ['Published with R. A. Fisher.', []],
  ])('when "%s" has no technical cue, then nothing is claimed', (text, expected) => {
    expect(claimedIds(text)).toEqual(expected);
  });

  it.each([
    ['Go developer building microservices.', 'skill:language-proficiency'],
    ['Services written in Go 1.21.', 'skill:language-proficiency'],
    ['Wrote C and Python tools.', 'skill:language-proficiency'],
    ['Built REST APIs for partners.', 'skill:rest-api'],
    ['Data analysis in R programming.', 'skill:language-proficiency'],
  ])('when "%s" has a technical cue, then the ambiguous name counts', (text, skillId) => {
    expect(claimedIds(text)).toContain(skillId);
  });

  it('when an ambiguous name sits in a skills section or a labelled list, then it counts without a cue', () => {
    expect(claimedIds('SKILLS\nGo, Rust\n')).toEqual(['skill:language-proficiency']);
    expect(claimedIds('Summary line\nLanguages: Go\n')).toEqual(['skill:language-proficiency']);
  });

  it('when an ambiguous name is in lower case, then it is an ordinary word', () => {
    expect(claimedIds('SKILLS\nrest, go, spring cleaning')).toEqual([]);
  });

  it('when an ambiguous name counts, then its confidence is lower than an unmistakable one in the same place', () => {
    const result = analyse('SKILLS\nGo\nKubernetes');
    const confidence = (id: string) => result.skills.find((s) => s.skillId === id)?.confidence;
    expect(confidence('skill:language-proficiency')).toBeLessThan(confidence('skill:kubernetes')!);
  });
});

describe('extractSkills: negation and aspiration', () => {
  it.each([
    ['No experience with Kubernetes.', 'negated'],
    ['I am not familiar with Kubernetes or Docker.', 'negated'],
    ['Have never used Kafka in production.', 'negated'],
    ['I want to learn Kubernetes next year.', 'aspirational'],
    ['Currently learning Kubernetes on weekends.', 'aspirational'],
    ['Eager to explore Kafka streams.', 'aspirational'],
  ])('when the text says "%s", then the skill is kept as %s evidence and not claimed', (text, status) => {
    const found = analyse(text).skills;
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((skill) => skill.status === status && skill.evidence.every((e) => e.status === status))).toBe(true);
  });

  it('when a negation is in another clause, then the mention is claimed', () => {
    expect(find('No experience with Kubernetes, but I run Docker daily.', 'skill:docker')?.status).toBe('claimed');
    expect(find('No experience with Kubernetes, but I run Docker daily.', 'skill:kubernetes')?.status).toBe('negated');
  });

  it('when a skill is claimed in one place and negated elsewhere, then it is claimed and both mentions are kept', () => {
    const found = find('Operated Kubernetes clusters.\nNo experience with Kubernetes operators.', 'skill:kubernetes');
    expect(found?.status).toBe('claimed');
    expect(found?.evidence.map((e) => e.status)).toEqual(['claimed', 'negated']);
  });

  it('when "machine learning" precedes a tool, then the tool is not aspirational', () => {
    expect(find('Machine learning pipelines in Python.', 'skill:language-proficiency')?.status).toBe('claimed');
  });

  it('when a skill is listed under Interests, then it is aspirational', () => {
    const found = find('EXPERIENCE\nSupport engineer\n\nINTERESTS\nKubernetes, chess', 'skill:kubernetes');
    expect(found).toMatchObject({ status: 'aspirational', evidence: [expect.objectContaining({ section: 'interests', status: 'aspirational' })] });
  });
});

describe('extractSkills: sections and confidence', () => {
  const resume = ['Jane Doe', 'Backend developer', '', 'TECHNICAL SKILLS', 'Java, Docker', '', 'WORK EXPERIENCE', 'Engineer, Acme', 'Jan 2019 – Mar 2021', '• Built Java services on Kubernetes', '', 'EDUCATION', 'BSc, wrote a Kafka thesis'].join('\n');

  it('when headings split the resume, then each mention reports the section it sits in', () => {
    const sections = Object.fromEntries(analyse(resume).skills.map((skill) => [skill.skillId, skill.evidence.map((e) => e.section)]));
    expect(sections).toEqual({
      'skill:language-proficiency': ['skills', 'experience'],
      'skill:docker': ['skills'],
      'skill:kubernetes': ['experience'],
      'skill:message-queues': ['education'],
    });
  });

  it('when a skill is mentioned in skills and experience, then its confidence is 1 − Π(1 − section weight)', () => {
    const confidence = Object.fromEntries(analyse(resume).skills.map((skill) => [skill.skillId, skill.confidence]));
    expect(confidence).toEqual({ 'skill:language-proficiency': 0.8, 'skill:kubernetes': 0.6, 'skill:docker': 0.5, 'skill:message-queues': 0.3 });
  });

  it('when a sentence starts with a heading word, then it is not taken for a heading', () => {
    expect(find('SKILLS\nJava\nExperience in Docker and more', 'skill:docker')?.evidence[0].section).toBe('skills');
  });
});

describe('extractSkills: dates', () => {
  const months = (text: string, skillId = 'skill:language-proficiency', asOf = '2026-11-21') => {
    const found = extractSkills(text, CATALOG, { asOf }).skills.find((skill) => skill.skillId === skillId);
    return [found?.monthsUsed, found?.lastUsed];
  };

  it.each([
    ['EXPERIENCE\nDeveloper, Jan 2019 – Mar 2021\nBuilt Java services', [27, '2021-03']],
    ['EXPERIENCE\nDeveloper\n06/2017 to 08/2019\nBuilt Java services', [27, '2019-08']],
    ['EXPERIENCE\nDeveloper 2018 - Present\nBuilt Java services', [107, '2026-11']],
    ['EXPERIENCE\nDeveloper\nSeptember 2025 onwards\nJava', [15, '2026-11']],
  ])('when the entry reads "%s", then months used and last use are %j', (text, expected) => {
    expect(months(text)).toEqual(expected);
  });

  it('when "Present" is read with another asOf, then the months follow asOf, not the clock', () => {
    expect(months('EXPERIENCE\nDeveloper 2018 - Present\nJava', 'skill:language-proficiency', '2019-06-30')).toEqual([18, '2019-06']);
  });

  it('when an end date lies after asOf, then it is cut to asOf; a range starting after asOf is ignored', () => {
    expect(months('EXPERIENCE\nJan 2026 - Dec 2027\nJava', 'skill:language-proficiency', '2026-03-01')).toEqual([3, '2026-03']);
    expect(months('EXPERIENCE\nJan 2027 - Dec 2027\nJava', 'skill:language-proficiency', '2026-03-01')).toEqual([null, null]);
  });

  it('when two jobs overlap, then their shared months are counted once', () => {
    const text = 'EXPERIENCE\nAcme\nJan 2019 - Dec 2019\nBuilt Java services\nOwned the billing API\nOn call weekly\n\nBeta\nJul 2019 - Jun 2020\nJava';
    expect(months(text)).toEqual([18, '2020-06']);
  });

  it('when the title line comes before its dates ("Title / Company / dates"), then it takes the entry below', () => {
    const text = ['EXPERIENCE', 'Java Developer', 'Acme - Pune', 'Jan 2020 to Dec 2020', 'Docker work', '', 'Platform Engineer', 'Beta - Pune', 'Jan 2015 to Dec 2016', 'Kubernetes'].join('\n');
    expect(months(text)).toEqual([12, '2020-12']);
    expect(months(text, 'skill:docker')).toEqual([12, '2020-12']);
    expect(months(text, 'skill:kubernetes')).toEqual([24, '2016-12']);
  });

  it('when a dated line is in education or skills, then no months are counted', () => {
    expect(months('EDUCATION\nBSc 2010 - 2014, Java course')).toEqual([null, null]);
  });

  it('when asOf is not an ISO date, then InvalidAsOfDate is thrown', () => {
    expect(() => extractSkills('Java', CATALOG, { asOf: '21/11/2026' })).toThrow(InvalidAsOfDate);
  });
});

describe('extractSkills: output', () => {
  const text = 'SKILLS\r\nJava,\u00a0Docker\r\n\r\n\r\n\r\nWORK EXPERIENCE\r\nJan 2019 – Present: Kubernetes and Go developer; no experience with Kafka';

  it('when the text has CRLF, odd spaces and blank runs, then offsets point into the normalised text', () => {
    const normalized = normalizeResumeText(text);
    const result = analyse(text);
    for (const evidence of result.skills.flatMap((skill) => skill.evidence)) expect(normalized.slice(evidence.start, evidence.end)).toBe(evidence.text);
    expect(result.textSha256).toBe(createHash('sha256').update(normalized).digest('hex'));
  });

  it('when the result is built, then it names the extractor and catalog versions and asOf', () => {
    expect(analyse(text)).toMatchObject({ extractorVersion: RESUME_EXTRACTOR_VERSION, catalogVersion: 'test-7', asOf: '2026-11-21' });
  });

  it('when the same text is analysed with a shuffled catalog, then the JSON is byte-identical', () => {
    const reversed: ResumeCatalog = {
      ...CATALOG,
      skills: [...CATALOG.skills].reverse().map((skill) => ({ ...skill, aliases: [...skill.aliases].reverse() })),
      blockers: [...(CATALOG.blockers ?? [])].reverse(),
    };
    expect(JSON.stringify(analyse(text, reversed))).toBe(JSON.stringify(analyse(text)));
    expect(JSON.stringify(analyse(text))).toBe(JSON.stringify(analyse(text)));
  });

  it('when skills are listed, then claimed come first, then by confidence, then by id', () => {
    const statuses = analyse(text).skills.map((skill) => [skill.skillId, skill.status, skill.confidence]);
    expect(statuses).toEqual([
      ['skill:language-proficiency', 'claimed', 0.74],
      ['skill:kubernetes', 'claimed', 0.6],
      ['skill:docker', 'claimed', 0.5],
      ['skill:message-queues', 'negated', 0.6],
    ]);
  });
});
