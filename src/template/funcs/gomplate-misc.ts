/**
 * Gomplate namespaces outside the string/collection core: paths, base64, hashes, UUIDs, and the
 * namespaces whose every method reaches outside the template (files, network, cloud, clock).
 */

import { createHash } from 'node:crypto';
import { utf8Bytes } from '../gostr.js';
import { gomplateToString, isNil, stringList } from './conv.js';
import { pathBase, pathClean, pathDir, pathExt, pathIsAbs, pathJoin, pathSplit } from './gopath.js';
import { fail, fn, type GoFunction, NOT_IMPLEMENTED, namespace, SIDE_EFFECTS, unsupported } from './types.js';

const str = gomplateToString;

export function pathNamespaces(): GoFunction[] {
  const common = (isFilepath: boolean) => [
    fn('Base', { params: ['any'] }, ([x]) => pathBase(str(x))),
    fn('Clean', { params: ['any'] }, ([x]) => pathClean(str(x))),
    fn('Dir', { params: ['any'] }, ([x]) => pathDir(str(x))),
    fn('Ext', { params: ['any'] }, ([x]) => pathExt(str(x))),
    fn('IsAbs', { params: ['any'] }, ([x]) => pathIsAbs(str(x))),
    fn('Join', { variadic: 'any' }, (xs) => pathJoin(xs.map(str))),
    fn('Split', { params: ['any'] }, ([x]) => stringList(pathSplit(str(x)))),
    unsupported('Match', NOT_IMPLEMENTED),
    ...(isFilepath
      ? [
          fn('FromSlash', { params: ['any'] }, ([x]) => str(x)),
          fn('ToSlash', { params: ['any'] }, ([x]) => str(x)),
          fn('VolumeName', { params: ['any'] }, () => ''),
          unsupported('Rel', NOT_IMPLEMENTED),
        ]
      : []),
  ];
  return [
    namespace('path', '*funcs.PathFuncs', common(false)),
    namespace('filepath', '*funcs.FilePathFuncs', common(true)),
  ];
}

export function base64Namespace(): GoFunction {
  return namespace('base64', '*funcs.Base64Funcs', [
    fn('Encode', { params: ['any'] }, ([x]) =>
      Buffer.from(utf8Bytes(isNil(x) ? '' : str(x))).toString('base64'),
    ),
    fn('Decode', { params: ['any'] }, ([x]) => {
      const t = str(x);
      // Gomplate accepts both standard and URL-safe alphabets, padded or not.
      if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(t)) fail('illegal base64 data at input byte 0');
      return new TextDecoder().decode(Buffer.from(t.replaceAll('-', '+').replaceAll('_', '/'), 'base64'));
    }),
    unsupported('DecodeBytes', NOT_IMPLEMENTED),
  ]);
}

export function cryptoNamespace(): GoFunction {
  const hash = (name: string, algo: string) =>
    fn(name, { params: ['any'] }, ([x]) =>
      createHash(algo)
        .update(utf8Bytes(isNil(x) ? '' : str(x)))
        .digest('hex'),
    );
  return namespace('crypto', '*funcs.CryptoFuncs', [
    hash('SHA1', 'sha1'),
    hash('SHA224', 'sha224'),
    hash('SHA256', 'sha256'),
    hash('SHA384', 'sha384'),
    hash('SHA512', 'sha512'),
    hash('SHA512_224', 'sha512-224'),
    hash('SHA512_256', 'sha512-256'),
    ...[
      'PBKDF2',
      'WPAPSK',
      'SHA1Bytes',
      'SHA224Bytes',
      'SHA256Bytes',
      'SHA384Bytes',
      'SHA512Bytes',
      'SHA512_224Bytes',
      'SHA512_256Bytes',
      'Bcrypt',
      'RSAEncrypt',
      'RSADecrypt',
      'RSADecryptBytes',
      'RSAGenerateKey',
      'RSADerivePublicKey',
      'ECDSAGenerateKey',
      'ECDSADerivePublicKey',
      'EncryptAES',
      'DecryptAES',
      'DecryptAESBytes',
    ].map((name) => unsupported(name, 'it uses key material or is not implemented')),
  ]);
}

export function uuidNamespace(): GoFunction {
  const UUID =
    /^(urn:uuid:)?\{?[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}\}?$/;
  return namespace('uuid', '*funcs.UUIDFuncs', [
    unsupported('V1', 'it produces unique output'),
    unsupported('V4', 'it produces random output'),
    fn('Nil', {}, () => '00000000-0000-0000-0000-000000000000'),
    fn('IsValid', { params: ['any'] }, ([x]) => UUID.test(str(x))),
    unsupported('Parse', NOT_IMPLEMENTED),
  ]);
}

/** A namespace none of whose methods may run (network, files, cloud metadata, clock, randomness). */
function sealedNamespace(name: string, typeName: string, methods: string[], reason: string): GoFunction {
  return namespace(
    name,
    typeName,
    methods.map((m) => unsupported(m, reason)),
  );
}

export function sealedNamespaces(): GoFunction[] {
  return [
    sealedNamespace(
      'aws',
      '*funcs.Funcs',
      [
        'EC2Region',
        'EC2Meta',
        'EC2Dynamic',
        'EC2Tag',
        'EC2Tags',
        'KMSEncrypt',
        'KMSDecrypt',
        'UserID',
        'Account',
        'ARN',
      ],
      SIDE_EFFECTS,
    ),
    sealedNamespace('gcp', '*funcs.GcpFuncs', ['Meta'], SIDE_EFFECTS),
    sealedNamespace(
      'net',
      '*funcs.NetFuncs',
      [
        'LookupIP',
        'LookupIPs',
        'LookupCNAME',
        'LookupSRV',
        'LookupSRVs',
        'LookupTXT',
        'ParseIP',
        'ParseIPPrefix',
        'ParseIPRange',
        'CIDRHost',
        'CIDRNetmask',
        'CIDRSubnets',
        'CIDRSubnetSizes',
      ],
      SIDE_EFFECTS,
    ),
    sealedNamespace(
      'file',
      '*funcs.FileFuncs',
      ['Read', 'Stat', 'Exists', 'IsDir', 'ReadDir', 'Walk', 'Write'],
      SIDE_EFFECTS,
    ),
    sealedNamespace(
      'time',
      '*funcs.TimeFuncs',
      [
        'ZoneName',
        'ZoneOffset',
        'Parse',
        'ParseLocal',
        'ParseInLocation',
        'Now',
        'Unix',
        'Nanosecond',
        'Microsecond',
        'Millisecond',
        'Second',
        'Minute',
        'Hour',
        'ParseDuration',
        'Since',
        'Until',
      ],
      'it reads the clock or time zones',
    ),
    sealedNamespace(
      'random',
      '*funcs.RandomFuncs',
      ['ASCII', 'Alpha', 'AlphaNum', 'String', 'Item', 'Number', 'Float'],
      'it produces random output',
    ),
    sealedNamespace(
      'sockaddr',
      '*funcs.SockaddrFuncs',
      [
        'GetAllInterfaces',
        'GetDefaultInterfaces',
        'GetPrivateInterfaces',
        'GetPublicInterfaces',
        'Sort',
        'Exclude',
        'Include',
        'Attr',
        'Join',
        'Limit',
        'Offset',
        'Unique',
        'Math',
        'GetPrivateIP',
        'GetPrivateIPs',
        'GetPublicIP',
        'GetPublicIPs',
        'GetInterfaceIP',
        'GetInterfaceIPs',
      ],
      SIDE_EFFECTS,
    ),
  ];
}
