/** A small list of the most common passwords (lower case); a password in it is refused. */
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set([
  '12345678', '123456789', '1234567890', '87654321', '11111111', '00000000', '12341234', '11223344',
  'password', 'password1', 'password12', 'password123', 'password!', 'passw0rd', 'p@ssw0rd', 'p@ssword',
  'qwertyui', 'qwerty123', 'qwertyuiop', '1q2w3e4r', '1qaz2wsx', 'zaq12wsx', 'asdfghjk', 'asdf1234',
  'iloveyou', 'sunshine', 'princess', 'football', 'baseball', 'welcome1', 'welcome123', 'letmein1',
  'letmein123', 'trustno1', 'superman', 'starwars', 'whatever', 'dragon123', 'monkey123', 'abc12345',
  'abcd1234', 'changeme', 'changeme1', 'changeme123', 'administrator', 'admin123', 'admin1234',
  'adminadmin', 'rootroot', 'computer', 'internet', 'michelle', 'jennifer', 'jordan23', 'liverpool',
  'chelsea1', 'master123', 'shadow12', 'access14', 'mustang1', 'harley123', 'hunter22', 'ranger12',
  'police123', 'police1234', 'trooper1', 'trooper123', 'dispatch1', 'sheriff1', 'officer1', 'badge123',
  'illinois', 'illinois1', 'chicago1', 'springfield', 'summer2024', 'summer2025', 'summer2026',
  'winter2024', 'winter2025', 'winter2026', 'spring2025', 'spring2026', 'autumn2025', 'fall2026',
  'january1', 'december1', 'qazwsxedc', 'q1w2e3r4', 'q1w2e3r4t5', 'zxcvbnm1', 'asdfasdf', 'aaaaaaaa',
  'secret12', 'secret123', 'letmein!', 'welcome!', 'opentas1', 'opentas123', 'tasadmin', 'alpr1234',
]);
