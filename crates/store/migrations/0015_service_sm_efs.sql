-- How SM EFS (CST2021) names each form of support (issue 17): the participant file's "Zakres
-- wsparcia", "Rodzaj przyznanego wsparcia" and its "w tym", set per catalogue service by the
-- office. NULL: the shipped default of a seeded service (crates/reports/columns/
-- cst2021-services.toml) applies, or else the service's category and name. The seeded rows are
-- not rewritten, so their sync stamps stay the same on every installation.
ALTER TABLE services ADD COLUMN sm_efs_scope TEXT;
ALTER TABLE services ADD COLUMN sm_efs_kind TEXT;
ALTER TABLE services ADD COLUMN sm_efs_detail TEXT;
