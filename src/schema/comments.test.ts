import { describe, expect, it } from 'vitest';
import { CommentInput, commentFieldErrors } from './comments';
import { UNSTORABLE_MESSAGE } from './primitives';

/** A comment that passes every check; each test changes one field. */
const valid = { text: 'A thoughtful comment.', name: 'Rua Reader', email: 'rua@example.com', website: '' };

/** An address of exactly `length` characters that matches the email pattern. */
const emailOfLength = (length: number) => {
  const domain = '@example.com';
  return `${'a'.repeat(length - domain.length)}${domain}`;
};

/** An http(s) address of exactly `length` characters. */
const websiteOfLength = (length: number) => {
  const prefix = 'https://example.com/';
  return `${prefix}${'p'.repeat(length - prefix.length)}`;
};

const parse = (overrides: Record<string, unknown>) => CommentInput.safeParse({ ...valid, ...overrides });

describe('CommentInput: a valid comment', () => {
  it('accepts the baseline comment with no field errors', () => {
    expect(parse({}).success).toBe(true);
    expect(commentFieldErrors(valid)).toEqual({});
  });

  it('refuses a comment with every required field missing, naming each one', () => {
    expect(commentFieldErrors({})).toEqual({
      text: expect.any(String),
      name: expect.any(String),
      email: expect.any(String),
    });
  });
});

describe('CommentInput: name', () => {
  it('accepts 245 characters', () => {
    const name = 'n'.repeat(245);
    const result = parse({ name });
    expect(result.success).toBe(true);
    expect(result.data?.name).toBe(name);
  });

  it('refuses 246 characters with the name limit message', () => {
    expect(parse({ name: 'n'.repeat(246) }).success).toBe(false);
    expect(commentFieldErrors({ ...valid, name: 'n'.repeat(246) })).toEqual({
      name: 'Your name can be at most 245 characters.',
    });
  });

  it('counts the name after trimming', () => {
    const result = parse({ name: `  ${'n'.repeat(245)}  ` });
    expect(result.success).toBe(true);
    expect(result.data?.name).toHaveLength(245);
  });

  it('refuses an empty or whitespace-only name', () => {
    expect(commentFieldErrors({ ...valid, name: '' })).toEqual({ name: 'Please enter your name.' });
    expect(commentFieldErrors({ ...valid, name: ' \t ' })).toEqual({ name: 'Please enter your name.' });
  });
});

describe('CommentInput: email', () => {
  it('accepts 100 characters', () => {
    const email = emailOfLength(100);
    expect(email).toHaveLength(100);
    const result = parse({ email });
    expect(result.success).toBe(true);
    expect(result.data?.email).toBe(email);
  });

  it('refuses 101 characters with the email limit message', () => {
    const email = emailOfLength(101);
    expect(email).toHaveLength(101);
    expect(parse({ email }).success).toBe(false);
    expect(commentFieldErrors({ ...valid, email })).toEqual({
      email: 'Your email address can be at most 100 characters.',
    });
  });

  it.each(['not-an-email', 'rua@example', '@example.com', 'rua@', 'rua example@example.com', 'rua@@example.com'])(
    'refuses the malformed address %j',
    (email) => {
      expect(parse({ email }).success).toBe(false);
      expect(commentFieldErrors({ ...valid, email })).toEqual({
        email: 'Please enter a valid email address, like name@example.com.',
      });
    },
  );

  it('refuses an empty email with its own message', () => {
    expect(commentFieldErrors({ ...valid, email: '   ' })).toEqual({ email: 'Please enter your email address.' });
  });

  it('trims the email', () => {
    expect(parse({ email: '  rua@example.com  ' }).data?.email).toBe('rua@example.com');
  });
});

describe('CommentInput: website', () => {
  it('accepts 200 characters', () => {
    const website = websiteOfLength(200);
    expect(website).toHaveLength(200);
    const result = parse({ website });
    expect(result.success).toBe(true);
    expect(result.data?.website).toBe(website);
  });

  it('refuses 201 characters with the website limit message', () => {
    const website = websiteOfLength(201);
    expect(website).toHaveLength(201);
    expect(parse({ website }).success).toBe(false);
    expect(commentFieldErrors({ ...valid, website })).toEqual({
      website: 'Your website address can be at most 200 characters.',
    });
  });

  it.each([
    'ftp://example.com/file',
    'javascript:alert(1)',
    'JAVASCRIPT:alert(1)',
    'example.com',
    'https://',
    'http:// spaced.example',
  ])('refuses %j', (website) => {
    expect(parse({ website }).success).toBe(false);
    expect(commentFieldErrors({ ...valid, website })).toEqual({
      website: 'Please enter a web address starting with http:// or https://, or leave it empty.',
    });
  });

  it.each(['http://example.com', 'https://example.com/path?q=1', 'HTTPS://EXAMPLE.COM'])('accepts %j', (website) => {
    expect(parse({ website }).success).toBe(true);
  });

  it('accepts an empty, blank or missing website as the empty string', () => {
    expect(parse({ website: '' }).data?.website).toBe('');
    expect(parse({ website: '   ' }).data?.website).toBe('');
    const { website: _website, ...withoutWebsite } = valid;
    const result = CommentInput.safeParse(withoutWebsite);
    expect(result.success).toBe(true);
    expect(result.data?.website).toBe('');
  });
});

describe('CommentInput: text', () => {
  it('accepts 65,525 characters', () => {
    const text = 't'.repeat(65_525);
    const result = parse({ text });
    expect(result.success).toBe(true);
    expect(result.data?.text).toHaveLength(65_525);
  });

  it('refuses 65,526 characters with the text limit message', () => {
    const text = 't'.repeat(65_526);
    expect(parse({ text }).success).toBe(false);
    expect(commentFieldErrors({ ...valid, text })).toEqual({
      text: 'Your comment can be at most 65,525 characters.',
    });
  });

  it('refuses whitespace-only text', () => {
    for (const text of ['', ' ', '\n\t  \r\n']) {
      expect(parse({ text }).success).toBe(false);
      expect(commentFieldErrors({ ...valid, text })).toEqual({ text: 'Please type your comment.' });
    }
  });

  it('trims the text, and measures the limit after trimming', () => {
    expect(parse({ text: '  \n Hello, harbour. \t ' }).data?.text).toBe('Hello, harbour.');
    const padded = parse({ text: `   ${'t'.repeat(65_525)}\n\n` });
    expect(padded.success).toBe(true);
    expect(padded.data?.text).toHaveLength(65_525);
  });

  it('refuses text that is not a string', () => {
    expect(commentFieldErrors({ ...valid, text: 42 })).toEqual({ text: 'This field must be text' });
  });
});

describe('CommentInput: parentId and honeypot', () => {
  it('accepts a positive whole parentId, null or none', () => {
    expect(parse({ parentId: 7 }).data?.parentId).toBe(7);
    expect(parse({ parentId: null }).success).toBe(true);
    expect(parse({}).success).toBe(true);
  });

  it.each([0, -1, 1.5, '7'])('refuses parentId %j', (parentId) => {
    expect(parse({ parentId }).success).toBe(false);
    expect(Object.keys(commentFieldErrors({ ...valid, parentId }))).toEqual(['parentId']);
  });

  it('keeps the honeypot field so the server can see it was filled', () => {
    expect(parse({ homepage: 'https://spam.example' }).data?.homepage).toBe('https://spam.example');
  });
});

describe('commentFieldErrors', () => {
  it('gives one message per bad field, the first one found', () => {
    const errors = commentFieldErrors({ text: '', name: 'n'.repeat(246), email: 'nope', website: 'ftp://x.example' });
    expect(errors).toEqual({
      text: 'Please type your comment.',
      name: 'Your name can be at most 245 characters.',
      email: 'Please enter a valid email address, like name@example.com.',
      website: 'Please enter a web address starting with http:// or https://, or leave it empty.',
    });
  });
});

describe('CommentInput: characters no engine can store (issue 21 row 10)', () => {
  const unstorable = [
    'a \u0000',
    '\u0000',
    'before\u0000after',
    'half \uD83D of an emoji',
    'a low half \uDE00 alone',
    '\uDE00\uD83D',
  ];

  it.each(['text', 'name', 'email', 'website'] as const)('refuses each in %s with a field error', (field) => {
    for (const bad of unstorable) {
      const value =
        field === 'email' ? `x${bad}@example.com` : field === 'website' ? `https://example.com/${bad}` : bad;
      expect(commentFieldErrors({ ...valid, [field]: value }), JSON.stringify(value)).toEqual({
        [field]: UNSTORABLE_MESSAGE,
      });
    }
  });

  it('accepts whole surrogate pairs and other control characters a database stores', () => {
    for (const text of ['An emoji 😀 in a comment', 'tab\tand\nnewline', '\u0001\u001f', '\uFFFD']) {
      expect(commentFieldErrors({ ...valid, text }), JSON.stringify(text)).toEqual({});
    }
  });
});
