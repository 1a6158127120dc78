-- Schema and seed rows for the parser's round-trip corpus (round-trip-corpus.sql). Three tenants reuse the
-- same row ids, so a written statement that lost a predicate or a join condition returns other rows.
CREATE TABLE tenants (
    id bigint PRIMARY KEY,
    name text NOT NULL,
    plan text NOT NULL,
    created_at timestamptz NOT NULL,
    settings jsonb NOT NULL
);

CREATE TABLE countries (
    code text PRIMARY KEY,
    name text NOT NULL
);

CREATE TABLE users (
    tenant_id bigint NOT NULL REFERENCES tenants (id),
    id bigint NOT NULL,
    name text NOT NULL,
    email text,
    country_code text REFERENCES countries (code),
    manager_id bigint,
    score numeric(10, 2),
    active boolean NOT NULL DEFAULT true,
    tags text[] NOT NULL DEFAULT '{}',
    created_at timestamp NOT NULL,
    profile jsonb,
    PRIMARY KEY (tenant_id, id)
);

CREATE TABLE projects (
    tenant_id bigint NOT NULL REFERENCES tenants (id),
    id bigint NOT NULL,
    name text NOT NULL,
    owner_id bigint,
    budget numeric(12, 2),
    starts_on date,
    meta jsonb NOT NULL DEFAULT '{}',
    PRIMARY KEY (tenant_id, id)
);

CREATE TABLE tasks (
    tenant_id bigint NOT NULL REFERENCES tenants (id),
    id bigint NOT NULL,
    project_id bigint NOT NULL,
    assignee_id bigint,
    title text NOT NULL,
    status text NOT NULL DEFAULT 'open',
    priority integer NOT NULL DEFAULT 3,
    estimate interval,
    labels integer[],
    due_at timestamptz,
    done boolean NOT NULL DEFAULT false,
    PRIMARY KEY (tenant_id, id)
);

CREATE TABLE comments (
    tenant_id bigint NOT NULL REFERENCES tenants (id),
    id bigint NOT NULL,
    task_id bigint NOT NULL,
    author_id bigint,
    body text NOT NULL,
    created_at timestamp NOT NULL,
    PRIMARY KEY (tenant_id, id)
);

CREATE TABLE audit_log (
    note text NOT NULL DEFAULT 'none',
    level integer NOT NULL DEFAULT 0,
    logged_at timestamp NOT NULL DEFAULT '2026-01-01 00:00:00'
);

CREATE TABLE "Mixed Case" (
    "Id" integer PRIMARY KEY,
    "select" text,
    "quote""d" text,
    "Ünïcode" text
);

INSERT INTO tenants VALUES
    (1, 'Acme', 'pro', '2024-01-05 10:00:00+00', '{"theme": "dark", "limits": {"users": 10, "projects": 5}, "features": ["sso", "audit"]}'),
    (2, 'Globex', 'free', '2024-03-17 08:30:00+00', '{"theme": "light", "limits": {"users": 3, "projects": 1}, "features": []}'),
    (3, 'Initech', 'pro', '2025-07-01 00:00:00+00', '{"limits": {"users": 50, "projects": 20}, "features": ["audit"], "beta": true}');

INSERT INTO countries VALUES ('de', 'Germany'), ('fr', 'France'), ('us', 'United States'), ('jp', 'Japan'), ('br', 'Brazil');

INSERT INTO users (tenant_id, id, name, email, country_code, manager_id, score, active, tags, created_at, profile)
SELECT t, u,
       (ARRAY['ada', 'bob', 'cleo', 'dan', 'eve', 'fay', 'gus', 'hal'])[u] || CASE WHEN t = 1 THEN '' ELSE '_' || t END,
       CASE WHEN u % 4 = 0 THEN NULL ELSE (ARRAY['ada', 'bob', 'cleo', 'dan', 'eve', 'fay', 'gus', 'hal'])[u] || '@t' || t || '.example' END,
       (ARRAY['de', 'fr', 'us', 'jp', NULL, 'de', 'us', 'fr'])[u],
       CASE WHEN u = 1 THEN NULL ELSE 1 + (u - 2) / 3 END,
       CASE WHEN u % 5 = 0 THEN NULL ELSE (u * 17 + t * 5) % 100 + 0.25 * (u % 4) END,
       u % 3 <> 0,
       CASE u % 3 WHEN 0 THEN ARRAY['admin', 'ops'] WHEN 1 THEN ARRAY['dev'] ELSE ARRAY[]::text[] END,
       timestamp '2025-01-01 09:00:00' + (u * 7 + t) * interval '1 day' + u * interval '37 minutes',
       CASE WHEN u % 2 = 0 THEN jsonb_build_object('age', 20 + u * 3 + t, 'langs', jsonb_build_array('en', CASE WHEN u % 4 = 0 THEN 'de' ELSE 'fr' END), 'address', jsonb_build_object('city', (ARRAY['Berlin', 'Paris', 'Tokyo', 'Lyon'])[1 + u % 4])) END
FROM generate_series(1, 3) AS t, generate_series(1, 8) AS u
WHERE u <= 5 + t;

INSERT INTO projects (tenant_id, id, name, owner_id, budget, starts_on, meta)
SELECT t, p,
       (ARRAY['apollo', 'borealis', 'cosmos', 'delta'])[p] || '-' || t,
       1 + (p * t) % 5,
       CASE WHEN p = 4 THEN NULL ELSE p * 1000.50 + t * 10 END,
       date '2025-02-01' + p * 30 - t,
       jsonb_build_object('color', (ARRAY['red', 'green', 'blue', 'red'])[p], 'tags', jsonb_build_array('x' || p, 'y'), 'weight', p * t)
FROM generate_series(1, 3) AS t, generate_series(1, 4) AS p
WHERE p <= 2 + t;

INSERT INTO tasks (tenant_id, id, project_id, assignee_id, title, status, priority, estimate, labels, due_at, done)
SELECT t, k,
       1 + k % (2 + t),
       CASE WHEN k % 6 = 0 THEN NULL ELSE 1 + (k * 3) % (5 + t) END,
       'task ' || k || CASE WHEN k % 5 = 0 THEN ' (urgent)' WHEN k % 7 = 0 THEN ' 100%_done' ELSE '' END,
       (ARRAY['open', 'doing', 'review', 'closed'])[1 + k % 4],
       1 + (k * 7 + t) % 5,
       CASE WHEN k % 3 = 0 THEN NULL ELSE (k % 5 + 1) * interval '90 minutes' END,
       CASE WHEN k % 4 = 0 THEN NULL ELSE ARRAY[k % 3, k % 5 + 10] END,
       timestamptz '2026-03-01 12:00:00+00' + (k * 2 - t) * interval '1 day',
       k % 4 = 3
FROM generate_series(1, 3) AS t, generate_series(1, 12) AS k
WHERE k <= 8 + 2 * t;

INSERT INTO comments (tenant_id, id, task_id, author_id, body, created_at)
SELECT t, c, 1 + (c * 5) % 8, 1 + c % 5,
       (ARRAY['looks good', 'why?', 'it''s done', 'see {1,2,3}', 'ping @ada', 'cost: $5', 'path C:\tmp', 'ok'])[1 + c % 8],
       timestamp '2026-02-01 08:00:00' + (c * 11 + t) * interval '3 hours'
FROM generate_series(1, 3) AS t, generate_series(1, 10) AS c
WHERE c <= 6 + t;

INSERT INTO audit_log (note, level, logged_at) VALUES ('boot', 1, '2026-01-02 03:04:05'), ('login', 2, '2026-01-03 00:00:00');

INSERT INTO "Mixed Case" VALUES (1, 'from', 'it"s', 'ä'), (2, 'where', NULL, 'ö'), (3, NULL, 'x', NULL);

-- A function the parser does not know: under a tenant a call to it is refused (it may read any tenant's rows).
CREATE FUNCTION user_count() RETURNS bigint LANGUAGE sql STABLE AS $$ SELECT count(*) FROM users $$;
