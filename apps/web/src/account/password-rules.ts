/** The API's password rule (AcceptInviteInput, ResetPasswordInput, SignUpInput): the same code, so a form tells before submitting. */
import { PASSWORD_MIN } from '#tandem/passwords';

export { PASSWORD_MAX, PASSWORD_MIN, passwordProblem, type PasswordContext } from '#tandem/passwords';
export const PASSWORD_HINT = `At least ${PASSWORD_MIN} characters, not a common password or your own name. A few unrelated words make a strong, memorable password.`;
