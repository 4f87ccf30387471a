export { isRole, ROLES, type Role } from '@agora/contracts';
