// The error classes: each has the right name, code and instanceof chain, keeps its cause,
// and errorCodes lists every code exactly once with a description.
import { describe, expect, it } from 'vitest';
import {
  AuthenticationError,
  CachetError,
  CertificateError,
  type ErrorCode,
  errorCodes,
  hexDecode,
  InvalidInputError,
  KeyError,
  ProviderError,
  ReplayError,
  TimestampError,
  UnsupportedError,
  VerificationError,
} from '../../src/index.js';
import { ERROR_FAMILIES, type ErrorClassName, everyCodeListed } from '../helpers/error-families.js';

type AnyErrorClass = new (...args: never[]) => CachetError;

const CLASSES: Record<ErrorClassName, AnyErrorClass> = {
  InvalidInputError,
  UnsupportedError,
  KeyError,
  AuthenticationError,
  VerificationError,
  TimestampError,
  ReplayError,
  CertificateError,
  ProviderError,
};

/** Builds an instance of `name` carrying `code` through its public constructor. */
function make(name: ErrorClassName, code: ErrorCode, options?: { cause?: unknown }): CachetError {
  const message = `test message for ${code}`;
  switch (name) {
    case 'AuthenticationError':
      return new AuthenticationError(message, options);
    case 'ReplayError':
      return new ReplayError(message, options);
    case 'ProviderError':
      return new ProviderError(message, options);
    default: {
      const Class = CLASSES[name] as unknown as new (
        code: ErrorCode,
        message: string,
        options?: { cause?: unknown },
      ) => CachetError;
      return new Class(code, message, options);
    }
  }
}

describe('errorCodes', () => {
  it('lists exactly the codes of the error families, each once, with a description', () => {
    expect(everyCodeListed).toBe(true);
    const listed = Object.values(ERROR_FAMILIES).flat();
    expect(new Set(listed).size).toBe(listed.length); // no code in two families
    expect(Object.keys(errorCodes).sort()).toEqual([...listed].sort());
    for (const [code, text] of Object.entries(errorCodes)) {
      expect(code).toMatch(/^ERR_[A-Z0-9_]+$/);
      expect(typeof text).toBe('string');
      expect(text.length).toBeGreaterThan(10);
    }
    const descriptions = Object.values(errorCodes);
    expect(new Set(descriptions).size).toBe(descriptions.length);
  });
});

describe('error classes', () => {
  for (const [name, codes] of Object.entries(ERROR_FAMILIES) as Array<
    [ErrorClassName, readonly ErrorCode[]]
  >) {
    it(`${name}: name, code, message, instanceof chain and cause`, () => {
      const Class = CLASSES[name];
      expect(typeof Class).toBe('function');
      for (const code of codes) {
        const cause = new Error('underlying');
        const err = make(name, code, { cause });
        expect(err).toBeInstanceOf(Class);
        expect(err).toBeInstanceOf(CachetError);
        expect(err).toBeInstanceOf(Error);
        expect(err.name).toBe(name);
        expect(err.code).toBe(code);
        expect(err.message).toBe(`test message for ${code}`);
        expect(err.cause).toBe(cause);
        expect(String(err)).toBe(`${name}: test message for ${code}`);
        expect(typeof err.stack).toBe('string');
        // Without a cause there is no `cause` property at all.
        expect('cause' in make(name, code)).toBe(false);
        // Sibling classes do not match.
        for (const other of Object.keys(ERROR_FAMILIES) as ErrorClassName[]) {
          if (other !== name) expect(err).not.toBeInstanceOf(CLASSES[other]);
        }
      }
    });
  }

  it('CachetError itself takes any code', () => {
    const err = new CachetError('ERR_REPLAY', 'seen');
    expect(err.name).toBe('CachetError');
    expect(err.code).toBe('ERR_REPLAY');
    expect(err).not.toBeInstanceOf(ReplayError);
  });

  it('errors with a fixed code have a useful default message', () => {
    const auth = new AuthenticationError();
    expect(auth.code).toBe('ERR_AUTH_FAILED');
    expect(auth.message).toMatch(/decryption failed/);
    expect(new ReplayError().message).toMatch(/already/);
    expect(new ProviderError('kms down').code).toBe('ERR_PROVIDER');
  });

  it('the subclasses are distinct classes, exported from the root', () => {
    const classes = [
      InvalidInputError,
      UnsupportedError,
      KeyError,
      AuthenticationError,
      VerificationError,
      TimestampError,
      ReplayError,
      CertificateError,
      ProviderError,
    ];
    expect(new Set(classes).size).toBe(classes.length);
    expect(classes.map((c) => c.name).sort()).toEqual(Object.keys(ERROR_FAMILIES).sort());
  });

  it('errors thrown by cachet carry a listed code', () => {
    try {
      hexDecode('zz');
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(InvalidInputError);
      expect(Object.keys(errorCodes)).toContain((err as CachetError).code);
    }
  });
});
