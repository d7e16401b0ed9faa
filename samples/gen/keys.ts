// Fixed ES256 keys for the sample bundles (generated once with jose). Sample-only: never use them anywhere else.
// The private halves sign the pasted tokens; the public halves go into the JWKS documents.

/** An EC P-256 key as a JWK with its AuthPlane-style 22-character kid. */
export interface SampleKey { kid: string; kty: "EC"; crv: "P-256"; x: string; y: string; d: string }

/** The signing key AuthPlane used before the sample hour (current key in most bundles). */
export const asKeyA: SampleKey = {
  kid: "LBMtndoRYB2RkMiPtmOVIA", kty: "EC", crv: "P-256",
  x: "SAoCIJvZD_H-7-w3JdxDaoCcu2cyq0rIqKK3IGkjivI",
  y: "Rt1TeweJWdTpf5PXCNc55JZILFx1NZfX-BedRxZwCOY",
  d: "KPdJZH0uSzzfKrfZLodR9lVa5sXauC162bKpN-jvCS8",
};

/** The key a routine rotation introduces. */
export const asKeyB: SampleKey = {
  kid: "SQ2Jb_gLDjk0DjJ16-TLDQ", kty: "EC", crv: "P-256",
  x: "2glyDmdJi179zlrk7jyRSqwabUQtXyamdNVRUwHp1co",
  y: "53sKotL3q7zLuddO9EAUENzhg-8DCUsa3XSM3y-ATZs",
  d: "6FbfSRtmpk9sfcY3H1jC51Q-FI1wZQMJK62e2mW_1Xo",
};

/** The key generated again at a restart (signing-key-regenerated). */
export const asKeyC: SampleKey = {
  kid: "wrsk_NPGuGQ0exA3up3xLA", kty: "EC", crv: "P-256",
  x: "pPUABT6NC1XTfivwBv2MFnSWTOuaeuUpBMVjJVWG_kA",
  y: "E0q1EJmPC194GquEvKhBfzAMyOa0eayHAsCWUFKQEPY",
  d: "QqE3qNK9aVOYCpLEhhEwd8eEBDy6A66Z8zaC05_OKxk",
};

/** A key from another environment (staging), never in the production JWKS. */
export const otherKey: SampleKey = {
  kid: "ymvaUUxRmvO7AIrHXfblgw", kty: "EC", crv: "P-256",
  x: "x86Wm-FE35CvXK1vI0Ek8ySdqW6-pk5hO63WvSel-H4",
  y: "_-BMfm3CpN7Hfjlre7gZKcGbgnP6XF5Bvp1tAfEqZcg",
  d: "S6ZCpS-1rVj5-4AgVXdNlRtP-J01qQBnSq-CUvvka0o",
};

/** A DPoP client key (proofs carry its public half). */
export const dpopClient: SampleKey = {
  kid: "2zps821HFDCsnkGdGhWW1A", kty: "EC", crv: "P-256",
  x: "LwJJjUdtdlviUrbDAlBb9cAVzNdzmflKrkWjs80VGXU",
  y: "k-moLuOvrebe7Wep55ccjAvKW7RgwMaIlFVPI5yHENs",
  d: "7lDJ_WNhJQMQeVPNWwOh-5AedLHW_VxPqkYP3LUg5qo",
};

/** The public JWK of a key as a JWKS lists it. */
export function publicJwk(k: SampleKey): Record<string, string> {
  return { use: "sig", kty: k.kty, kid: k.kid, crv: k.crv, x: k.x, y: k.y, alg: "ES256" };
}
