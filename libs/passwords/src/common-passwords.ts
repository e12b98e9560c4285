/**
 * Words and phrases at the root of the most used passwords (from public breach top lists), in
 * the form `passwordProblem` compares: lower case, look-alike digits read as letters, with
 * digits, spaces and punctuation around them taken off ("Password123!" is "password").
 * Only roots of 4 letters or more matter: a password is at least 10 characters.
 */
export const COMMON_PASSWORD_ROOTS: readonly string[] = [
  'password', 'passwort', 'motdepasse', 'contrasena', 'mypassword', 'passpass', 'pass', 'secret', 'changeme', 'default', 'letmein',
  'welcome', 'login', 'admin', 'administrator', 'root', 'guest', 'test', 'testing', 'user', 'access', 'master', 'qwerty',
  'qwertyuiop', 'qwertz', 'azerty', 'asdf', 'asdfgh', 'asdfghjkl', 'zxcvbn', 'zxcvbnm', 'qazwsx', 'qaz', 'abcd', 'abcdef',
  'iloveyou', 'iloveu', 'loveme', 'lovely', 'love', 'trustno', 'whatever', 'nothing', 'hello', 'helloworld', 'goodbye',
  'football', 'baseball', 'basketball', 'soccer', 'hockey', 'golf', 'tennis', 'liverpool', 'chelsea', 'arsenal', 'barcelona',
  'monkey', 'dragon', 'tiger', 'tigger', 'shadow', 'sunshine', 'princess', 'superman', 'batman', 'spiderman', 'starwars',
  'pokemon', 'naruto', 'matrix', 'freedom', 'killer', 'hunter', 'ranger', 'buster', 'harley', 'mustang', 'ferrari', 'porsche',
  'michael', 'jennifer', 'jordan', 'charlie', 'ashley', 'thomas', 'robert', 'daniel', 'andrew', 'joshua', 'jessica', 'michelle',
  'summer', 'winter', 'spring', 'autumn', 'january', 'february', 'march', 'april', 'june', 'july', 'august', 'september',
  'october', 'november', 'december', 'monday', 'friday', 'sunday', 'flower', 'cookie', 'chocolate', 'banana', 'pepper',
  'ginger', 'computer', 'internet', 'google', 'facebook', 'linkedin', 'yahoo', 'apple', 'samsung', 'microsoft', 'windows',
  'blink', 'purple', 'orange', 'yellow', 'silver', 'golden', 'diamond', 'angel', 'baby', 'family', 'happy', 'lucky',
  'money', 'jesus', 'christ', 'god', 'heaven', 'freedom', 'success', 'career', 'coach', 'coaching', 'tandem', 'company',
  'office', 'work', 'letmein', 'open', 'opensesame', 'please', 'sample', 'example', 'temp', 'temporary', 'newpassword',
  'oldpassword', 'mynewpassword', 'passw', 'pa', 'wachtwoord', 'senha', 'parola', 'haslo', 'salasana',
];
