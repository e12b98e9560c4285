export { PASSWORD_MAX, PASSWORD_MIN, passwordProblem, type PasswordContext } from './password-policy.js';
