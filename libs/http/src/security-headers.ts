import type { HelmetOptions } from 'helmet';

/**
 * helmet's headers for a service reached at `publicUrl`: HSTS and the CSP's `upgrade-insecure-requests`
 * only when the platform is served over https, since over plain http (development, `npm start`) they
 * would send browsers to an https address nothing answers.
 */
export function securityHeaders(publicUrl: string): HelmetOptions {
  const https = new URL(publicUrl).protocol === 'https:';
  return {
    hsts: https ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        upgradeInsecureRequests: https ? [] : null,
      },
    },
  };
}
