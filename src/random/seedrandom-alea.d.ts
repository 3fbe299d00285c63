// Type of seedrandom's Alea generator imported alone (`seedrandom/lib/alea.js`), so that a browser
// bundle does not carry seedrandom's other five generators and ARC4. It is the same function as
// `seedrandom.alea`; its type is the one @types/seedrandom gives that property.
declare module "seedrandom/lib/alea.js" {
  const alea: typeof import("seedrandom").alea;
  export default alea;
}
