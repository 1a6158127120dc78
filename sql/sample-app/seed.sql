-- Seed data of the sample app: two users, each owning one account, and a few rows per account.
-- Both users' password is "password" (an ASP.NET Core Identity PasswordHasher v3 hash: PBKDF2, HMAC-SHA512,
-- 100,000 iterations). The identity sequences move past the seeded ids at the end.

INSERT INTO users (id, user_name, password_hash) VALUES
    (1, 'turkiye_user', 'AQAAAAIAAYagAAAAEF0cmg57P0KmjA0R4vSpt8O1GL0wAQiik6nOoNrC4+Ng2FVT/LThnsDSUO2JJUX5Pg=='),
    (2, 'usa_user', 'AQAAAAIAAYagAAAAEF0cmg57P0KmjA0R4vSpt8O1GL0wAQiik6nOoNrC4+Ng2FVT/LThnsDSUO2JJUX5Pg==');

INSERT INTO countries (code, name) VALUES
    ('TR', 'Türkiye'),
    ('US', 'United States'),
    ('DE', 'Germany'),
    ('JP', 'Japan');

INSERT INTO accounts (id, user_id, name, domain, subdomain, country_code) VALUES
    (1, 1, 'Anadolu Yazılım', 'anadolu.example', 'anadolu', 'TR'),
    (2, 2, 'Liberty Software', 'liberty.example', 'liberty', 'US');

INSERT INTO managers (account_id, id, name, email) VALUES
    (1, 1, 'Ayşe Yılmaz', 'ayse@anadolu.example'),
    (1, 2, 'Mehmet Kaya', 'mehmet@anadolu.example'),
    (2, 3, 'John Smith', 'john@liberty.example'),
    (2, 4, 'Mary Johnson', 'mary@liberty.example');

INSERT INTO projects (account_id, id, name, description) VALUES
    (1, 1, 'Boğaziçi Köprüsü Portalı', 'Bridge traffic portal'),
    (1, 2, 'Kapadokya Rezervasyon', 'Balloon tour bookings'),
    (2, 3, 'Route 66 Tracker', 'Road trip planner'),
    (2, 4, 'Golden Gate Payroll', 'Payroll for a bridge crew');

INSERT INTO project_managers (account_id, project_id, manager_id) VALUES
    (1, 1, 1), (1, 1, 2), (1, 2, 2),
    (2, 3, 3), (2, 4, 3), (2, 4, 4);

INSERT INTO tasks (account_id, id, project_id, parent_id, name, status) VALUES
    (1, 1, 1, NULL, 'Trafik verisini topla', 'opened'),
    (1, 2, 1, 1, 'Sensör listesini çıkar', 'closed'),
    (1, 3, 2, NULL, 'Rezervasyon formu', 'opened'),
    (2, 4, 3, NULL, 'Map the stops', 'opened'),
    (2, 5, 3, 4, 'Chicago to St. Louis', 'closed'),
    (2, 6, 4, NULL, 'Import timesheets', 'opened');

SELECT setval(pg_get_serial_sequence('users', 'id'), (SELECT max(id) FROM users));
SELECT setval(pg_get_serial_sequence('accounts', 'id'), (SELECT max(id) FROM accounts));
SELECT setval(pg_get_serial_sequence('managers', 'id'), (SELECT max(id) FROM managers));
SELECT setval(pg_get_serial_sequence('projects', 'id'), (SELECT max(id) FROM projects));
SELECT setval(pg_get_serial_sequence('tasks', 'id'), (SELECT max(id) FROM tasks));
