-- The service directory (R19). Not personal data: providers and what they
-- offer, shared by every assistance organisation on the installation.
CREATE TABLE services (
    id TEXT PRIMARY KEY,
    added_by_org TEXT NOT NULL REFERENCES organisations(id),
    provider TEXT NOT NULL,
    name TEXT NOT NULL,
    service_type TEXT NOT NULL,
    languages TEXT NOT NULL,
    country TEXT NOT NULL,
    location TEXT NOT NULL,
    sex TEXT NOT NULL,
    min_age BIGINT,
    max_age BIGINT,
    capacity BIGINT,
    contact TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX services_type ON services(service_type, country);
