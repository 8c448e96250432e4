"""Operations that span the whole installation (backup and restore): above the ground floor, since they
read the analytics store and the audit chain as well as the database."""
