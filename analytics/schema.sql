-- Schema of the plan-evaluation database (川崎市国際施策推進プラン). One place; the build and
-- the importer both run this file. Rules live here as constraints so that no path around the
-- importer can store an impossible row:
--   * achievement level 1..5, next-step class Ⅰ..Ⅵ;
--   * one evaluation per initiative per fiscal year (primary key);
--   * the fiscal year lies inside the initiative's term: evaluations carry term_id, and two
--     composite foreign keys tie (initiative_id, term_id) to initiatives and
--     (fiscal_year, term_id) to fiscal_years.

create table terms (
    term_id      integer primary key,          -- 1, 2, 3 (第1期..第3期実行プログラム)
    name_ja      varchar not null,
    name_en      varchar not null,
    first_fy     integer not null,
    last_fy      integer not null,
    check (first_fy <= last_fy)
);

create table fiscal_years (
    fiscal_year  integer primary key,          -- April..March; 2022 = 令和4年度
    term_id      integer not null references terms (term_id),
    label_ja     varchar not null,             -- 2022年度
    wareki_ja    varchar not null,             -- 令和4年度
    unique (fiscal_year, term_id)
);

create table goals (
    goal_id         integer primary key,       -- 基本目標 1..3
    policy_numeral  varchar not null,          -- 取組方針 I, II, III (matched 1:1 with the goal)
    name_ja         varchar not null,
    name_en         varchar not null,
    policy_name_ja  varchar not null,
    policy_name_en  varchar not null
);

create table directions (
    direction_id  varchar primary key,         -- '1-1' .. '3-3' (取組の方向性)
    goal_id       integer not null references goals (goal_id),
    seq           integer not null check (seq between 1 and 9),
    name_ja       varchar not null,
    name_en       varchar not null,
    unique (goal_id, seq)
);

create table departments (
    department_id  varchar primary key,        -- ASCII slug, e.g. 'economy-labour'
    name_ja        varchar not null unique,    -- 所管局 / 区役所
    name_en        varchar not null,
    kind           varchar not null check (kind in ('bureau', 'ward'))
);

create table initiatives (
    initiative_id    varchar primary key,      -- stable id, 'T3-40101010' for term 3, code 40101010
    project_code     varchar check (project_code is null or regexp_full_match(project_code, '[0-9]{8}')),
    term_id          integer not null references terms (term_id),
    direction_id     varchar not null references directions (direction_id),
    department_id    varchar not null references departments (department_id),
    name_ja          varchar not null check (length(trim(name_ja)) > 0),
    name_en          varchar,
    new_or_expanded  varchar check (new_or_expanded in ('new', 'expanded')),  -- 新規・拡充 in this term
    description_ja   varchar,
    source           varchar not null,         -- 'sample' or 'import:<file name>'
    unique (initiative_id, term_id),
    unique (term_id, project_code)             -- a project code appears once per term
);

create table evaluations (
    initiative_id      varchar not null,
    term_id            integer not null,
    fiscal_year        integer not null,
    achievement_level  tinyint not null check (achievement_level between 1 and 5),  -- 達成度
    covid_impact       boolean not null,       -- 新型コロナウイルス感染症の影響
    disaster_impact    boolean not null,       -- 災害（令和元年東日本台風等）の影響
    next_step          varchar check (next_step in ('Ⅰ', 'Ⅱ', 'Ⅲ', 'Ⅳ', 'Ⅴ', 'Ⅵ')),  -- 今後の方向性区分
    results_ja         varchar,                -- 取組実績
    note_ja            varchar,                -- 備考
    source             varchar not null,       -- 'sample' or 'import:<file name>'
    primary key (initiative_id, fiscal_year),
    foreign key (initiative_id, term_id) references initiatives (initiative_id, term_id),
    foreign key (fiscal_year, term_id) references fiscal_years (fiscal_year, term_id)
);

create table import_log (
    import_id       integer primary key,
    imported_at     timestamp not null,
    file_name       varchar not null,
    sha256          varchar not null check (length(sha256) = 64),
    sheet_kind      varchar not null check (sheet_kind in ('reference', 'evaluations', 'initiatives')),
    rows_added      integer not null,
    rows_changed    integer not null,
    rows_unchanged  integer not null
);

create table dataset_provenance (
    item            varchar primary key,       -- what the statement is about
    kind            varchar not null check (kind in ('published', 'sample', 'derived', 'imported')),
    description_ja  varchar not null,
    description_en  varchar not null,
    reference       varchar                    -- where a published fact comes from
);

create table dataset_meta (
    key    varchar primary key,
    value  varchar not null
);

-- What the queries read (initiative_facts, evaluation_facts and the other derived tables) is
-- built from these tables by analytics/facts.sql after every build and import.

-- Events of the plan's time the trend charts mark and the overall review's summary reads
-- (令和元年東日本台風, the COVID-19 period): data, not code. kind names the evaluation flag the
-- event goes with; an event of one fiscal year is drawn as a line, a longer one as a band.
create table plan_events (
    event_id  varchar primary key,
    kind      varchar not null check (kind in ('covid', 'disaster')),
    first_fy  integer not null check (first_fy between 1990 and 2100),
    last_fy   integer not null check (last_fy between 1990 and 2100),
    label_ja  varchar not null check (length(trim(label_ja)) > 0),
    label_en  varchar not null check (length(trim(label_en)) > 0),
    check (first_fy <= last_fy)
);
