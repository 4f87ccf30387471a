/** Roles issued by auth-service and checked by every service (seed 001 user/admin, seed 003 seller). */
export const ROLES = ['user', 'seller', 'moderator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
