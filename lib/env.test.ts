import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseEnv, parseMediaEnv } from '@/lib/env';

const s3 = { MEDIA_STORAGE: 's3', S3_BUCKET: 'masthead-media' };

describe('media settings', () => {
  it('default to files in MEDIA_DIR', () => {
    expect(parseEnv({}).media).toEqual({ storage: 'file', dir: path.resolve('./data/media') });
    expect(parseMediaEnv({ MEDIA_DIR: '/srv/media', S3_BUCKET: 'ignored' })).toEqual({ storage: 'file', dir: '/srv/media' });
  });

  it('read every S3 setting, with a normalised prefix', () => {
    expect(
      parseEnv({
        ...s3,
        S3_REGION: 'eu-west-3',
        S3_ENDPOINT: 'https://s3.example.com',
        S3_ACCESS_KEY_ID: 'AKIA',
        S3_SECRET_ACCESS_KEY: 'secret',
        S3_FORCE_PATH_STYLE: 'true',
        S3_PREFIX: 'news/media',
      }).media,
    ).toEqual({
      storage: 's3',
      bucket: 'masthead-media',
      region: 'eu-west-3',
      endpoint: 'https://s3.example.com',
      credentials: { accessKeyId: 'AKIA', secretAccessKey: 'secret' },
      forcePathStyle: true,
      prefix: 'news/media/',
    });
  });

  it('leave region, path style, prefix and credentials to their defaults when unset or blank', () => {
    const expected = { storage: 's3', bucket: 'masthead-media', region: 'us-east-1', forcePathStyle: false, prefix: '' };
    expect(parseMediaEnv(s3)).toEqual(expected);
    expect(
      parseMediaEnv({ ...s3, S3_REGION: '', S3_ENDPOINT: '', S3_ACCESS_KEY_ID: '', S3_SECRET_ACCESS_KEY: '', S3_FORCE_PATH_STYLE: '', S3_PREFIX: '' }),
    ).toEqual(expected);
  });

  it.each([
    [{ MEDIA_STORAGE: 's3' }, /S3_BUCKET: S3_BUCKET must be set when MEDIA_STORAGE=s3/],
    [{ MEDIA_STORAGE: 's3', S3_BUCKET: '' }, /S3_BUCKET must be set when MEDIA_STORAGE=s3/],
    [{ MEDIA_STORAGE: 'S3-bucket' }, /MEDIA_STORAGE must be "file".*or "s3"/],
    [{ ...s3, S3_BUCKET: 's3://masthead-media' }, /S3_BUCKET must be a bare bucket name/],
    [{ ...s3, S3_ENDPOINT: 's3.example.com' }, /S3_ENDPOINT must be an http\(s\):\/\/ URL/],
    [{ ...s3, S3_ENDPOINT: 'ftp://s3.example.com' }, /S3_ENDPOINT must be an http\(s\):\/\/ URL/],
    [{ ...s3, S3_ACCESS_KEY_ID: 'AKIA' }, /S3_SECRET_ACCESS_KEY: S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together/],
    [{ ...s3, S3_SECRET_ACCESS_KEY: 'secret' }, /S3_ACCESS_KEY_ID: S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together/],
    [{ ...s3, S3_FORCE_PATH_STYLE: 'yes' }, /S3_FORCE_PATH_STYLE/],
    [{ ...s3, S3_PREFIX: '../other' }, /S3_PREFIX must not contain "\.\."/],
    [{ ...s3, S3_PREFIX: '/media' }, /S3_PREFIX must be a key prefix/],
    [{ ...s3, S3_PREFIX: 'a//b' }, /S3_PREFIX must be a key prefix/],
  ])('refuse %j at start with a message naming the setting', (raw, message) => {
    expect(() => parseEnv(raw)).toThrow(ConfigError);
    expect(() => parseEnv(raw)).toThrow(message);
    expect(() => parseMediaEnv(raw)).toThrow(message);
  });

  it('are parsed alone without the site settings a running server needs', () => {
    const production = { ...s3, NODE_ENV: 'production' };
    expect(() => parseEnv(production)).toThrow(/AUTH_SECRET/);
    expect(parseMediaEnv(production)).toMatchObject({ storage: 's3', bucket: 'masthead-media' });
  });

  it('ignore a half-set S3 credential while MEDIA_STORAGE is file', () => {
    expect(parseMediaEnv({ S3_ACCESS_KEY_ID: 'AKIA' })).toMatchObject({ storage: 'file' });
  });
});

describe('full-text feeds', () => {
  it('are off unless FEED_FULL_TEXT says true', () => {
    expect(parseEnv({}).FEED_FULL_TEXT).toBe(false);
    expect(parseEnv({ FEED_FULL_TEXT: '' }).FEED_FULL_TEXT).toBe(false);
    expect(parseEnv({ FEED_FULL_TEXT: 'false' }).FEED_FULL_TEXT).toBe(false);
    expect(parseEnv({ FEED_FULL_TEXT: 'true' }).FEED_FULL_TEXT).toBe(true);
  });

  it('refuse a value that is neither true nor false', () => {
    expect(() => parseEnv({ FEED_FULL_TEXT: 'yes please' })).toThrow(/FEED_FULL_TEXT/);
  });
});

describe('the shared-cache purge hook', () => {
  it('is optional and must be an http(s) URL when set', () => {
    expect(parseEnv({}).CACHE_PURGE_URL).toBeUndefined();
    expect(parseEnv({ CACHE_PURGE_URL: 'http://127.0.0.1:6081/' }).CACHE_PURGE_URL).toBe('http://127.0.0.1:6081/');
    expect(() => parseEnv({ CACHE_PURGE_URL: 'varnish:6081' })).toThrow(/CACHE_PURGE_URL must be an http\(s\) URL/);
  });
});

describe('the site address', () => {
  it('is SITE_URL without its trailing slash, pinned, when set', () => {
    expect(parseEnv({ SITE_URL: 'https://news.example.com/' })).toMatchObject({ siteUrl: 'https://news.example.com', siteUrlFromRequest: false });
  });
  it('is localhost on PORT when unset, and then follows each request for sign-in', () => {
    expect(parseEnv({})).toMatchObject({ siteUrl: 'http://localhost:3000', siteUrlFromRequest: true });
    expect(parseEnv({ PORT: '4100' })).toMatchObject({ siteUrl: 'http://localhost:4100', siteUrlFromRequest: true });
  });
  it('refuses a SITE_URL that is not an absolute URL', () => {
    expect(() => parseEnv({ SITE_URL: 'news.example.com' })).toThrow(/SITE_URL must be an absolute URL/);
  });
});
