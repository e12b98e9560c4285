// Moved to the SQL toolkit in libs/database; this re-export goes once the roster imports it from there.
export { preparedPage, RawEntityColumns } from '#tandem/database';
