namespace TenantDapper.Parsing;

/// <summary>The words the parser recognises; the lexer classifies each unquoted identifier once, so the parser compares numbers, not text.</summary>
internal enum SqlKeyword : ushort
{
    /// <summary>Not a keyword the parser knows.</summary>
    None,

    /// <summary><c>ALL</c>.</summary>
    All,

    /// <summary><c>ANALYSE</c>.</summary>
    Analyse,

    /// <summary><c>ANALYZE</c>.</summary>
    Analyze,

    /// <summary><c>AND</c>.</summary>
    And,

    /// <summary><c>ANY</c>.</summary>
    Any,

    /// <summary><c>ARRAY</c>.</summary>
    Array,

    /// <summary><c>AS</c>.</summary>
    As,

    /// <summary><c>ASC</c>.</summary>
    Asc,

    /// <summary><c>ASYMMETRIC</c>.</summary>
    Asymmetric,

    /// <summary><c>AT</c>.</summary>
    At,

    /// <summary><c>AUTHORIZATION</c>.</summary>
    Authorization,

    /// <summary><c>BETWEEN</c>.</summary>
    Between,

    /// <summary><c>BIGINT</c>.</summary>
    Bigint,

    /// <summary><c>BINARY</c>.</summary>
    Binary,

    /// <summary><c>BIT</c>.</summary>
    Bit,

    /// <summary><c>BOOLEAN</c>.</summary>
    Boolean,

    /// <summary><c>BOTH</c>.</summary>
    Both,

    /// <summary><c>BY</c>.</summary>
    By,

    /// <summary><c>CASE</c>.</summary>
    Case,

    /// <summary><c>CAST</c>.</summary>
    Cast,

    /// <summary><c>CHAR</c>.</summary>
    Char,

    /// <summary><c>CHARACTER</c>.</summary>
    Character,

    /// <summary><c>CHECK</c>.</summary>
    Check,

    /// <summary><c>COALESCE</c>.</summary>
    Coalesce,

    /// <summary><c>COLLATE</c>.</summary>
    Collate,

    /// <summary><c>COLLATION</c>.</summary>
    Collation,

    /// <summary><c>COLUMN</c>.</summary>
    Column,

    /// <summary><c>CONCURRENTLY</c>.</summary>
    Concurrently,

    /// <summary><c>CONFLICT</c>.</summary>
    Conflict,

    /// <summary><c>CONSTRAINT</c>.</summary>
    Constraint,

    /// <summary><c>CREATE</c>.</summary>
    Create,

    /// <summary><c>CROSS</c>.</summary>
    Cross,

    /// <summary><c>CUBE</c>.</summary>
    Cube,

    /// <summary><c>CURRENT</c>.</summary>
    Current,

    /// <summary><c>CURRENT_CATALOG</c>.</summary>
    CurrentCatalog,

    /// <summary><c>CURRENT_DATE</c>.</summary>
    CurrentDate,

    /// <summary><c>CURRENT_ROLE</c>.</summary>
    CurrentRole,

    /// <summary><c>CURRENT_SCHEMA</c>.</summary>
    CurrentSchema,

    /// <summary><c>CURRENT_TIME</c>.</summary>
    CurrentTime,

    /// <summary><c>CURRENT_TIMESTAMP</c>.</summary>
    CurrentTimestamp,

    /// <summary><c>CURRENT_USER</c>.</summary>
    CurrentUser,

    /// <summary><c>CYCLE</c>.</summary>
    Cycle,

    /// <summary><c>DAY</c>.</summary>
    Day,

    /// <summary><c>DEC</c>.</summary>
    Dec,

    /// <summary><c>DECIMAL</c>.</summary>
    Decimal,

    /// <summary><c>DEFAULT</c>.</summary>
    Default,

    /// <summary><c>DEFERRABLE</c>.</summary>
    Deferrable,

    /// <summary><c>DELETE</c>.</summary>
    Delete,

    /// <summary><c>DESC</c>.</summary>
    Desc,

    /// <summary><c>DISTINCT</c>.</summary>
    Distinct,

    /// <summary><c>DO</c>.</summary>
    Do,

    /// <summary><c>DOUBLE</c>.</summary>
    Double,

    /// <summary><c>ELSE</c>.</summary>
    Else,

    /// <summary><c>END</c>.</summary>
    End,

    /// <summary><c>ESCAPE</c>.</summary>
    Escape,

    /// <summary><c>EXCEPT</c>.</summary>
    Except,

    /// <summary><c>EXCLUDE</c>.</summary>
    Exclude,

    /// <summary><c>EXISTS</c>.</summary>
    Exists,

    /// <summary><c>EXTRACT</c>.</summary>
    Extract,

    /// <summary><c>FALSE</c>.</summary>
    False,

    /// <summary><c>FETCH</c>.</summary>
    Fetch,

    /// <summary><c>FILTER</c>.</summary>
    Filter,

    /// <summary><c>FIRST</c>.</summary>
    First,

    /// <summary><c>FLOAT</c>.</summary>
    Float,

    /// <summary><c>FOLLOWING</c>.</summary>
    Following,

    /// <summary><c>FOR</c>.</summary>
    For,

    /// <summary><c>FOREIGN</c>.</summary>
    Foreign,

    /// <summary><c>FREEZE</c>.</summary>
    Freeze,

    /// <summary><c>FROM</c>.</summary>
    From,

    /// <summary><c>FULL</c>.</summary>
    Full,

    /// <summary><c>GRANT</c>.</summary>
    Grant,

    /// <summary><c>GREATEST</c>.</summary>
    Greatest,

    /// <summary><c>GROUP</c>.</summary>
    Group,

    /// <summary><c>GROUPING</c>.</summary>
    Grouping,

    /// <summary><c>GROUPS</c>.</summary>
    Groups,

    /// <summary><c>HAVING</c>.</summary>
    Having,

    /// <summary><c>HOUR</c>.</summary>
    Hour,

    /// <summary><c>ILIKE</c>.</summary>
    Ilike,

    /// <summary><c>IN</c>.</summary>
    In,

    /// <summary><c>INITIALLY</c>.</summary>
    Initially,

    /// <summary><c>INNER</c>.</summary>
    Inner,

    /// <summary><c>INOUT</c>.</summary>
    Inout,

    /// <summary><c>INSERT</c>.</summary>
    Insert,

    /// <summary><c>INT</c>.</summary>
    Int,

    /// <summary><c>INTEGER</c>.</summary>
    Integer,

    /// <summary><c>INTERSECT</c>.</summary>
    Intersect,

    /// <summary><c>INTERVAL</c>.</summary>
    Interval,

    /// <summary><c>INTO</c>.</summary>
    Into,

    /// <summary><c>IS</c>.</summary>
    Is,

    /// <summary><c>ISNULL</c>.</summary>
    Isnull,

    /// <summary><c>JOIN</c>.</summary>
    Join,

    /// <summary><c>KEY</c>.</summary>
    Key,

    /// <summary><c>LAST</c>.</summary>
    Last,

    /// <summary><c>LATERAL</c>.</summary>
    Lateral,

    /// <summary><c>LEADING</c>.</summary>
    Leading,

    /// <summary><c>LEAST</c>.</summary>
    Least,

    /// <summary><c>LEFT</c>.</summary>
    Left,

    /// <summary><c>LIKE</c>.</summary>
    Like,

    /// <summary><c>LIMIT</c>.</summary>
    Limit,

    /// <summary><c>LOCALTIME</c>.</summary>
    Localtime,

    /// <summary><c>LOCALTIMESTAMP</c>.</summary>
    Localtimestamp,

    /// <summary><c>LOCKED</c>.</summary>
    Locked,

    /// <summary><c>MATERIALIZED</c>.</summary>
    Materialized,

    /// <summary><c>MINUTE</c>.</summary>
    Minute,

    /// <summary><c>MONTH</c>.</summary>
    Month,

    /// <summary><c>NATIONAL</c>.</summary>
    National,

    /// <summary><c>NATURAL</c>.</summary>
    Natural,

    /// <summary><c>NCHAR</c>.</summary>
    Nchar,

    /// <summary><c>NEXT</c>.</summary>
    Next,

    /// <summary><c>NO</c>.</summary>
    No,

    /// <summary><c>NONE</c>.</summary>
    NoneWord,

    /// <summary><c>NORMALIZE</c>.</summary>
    Normalize,

    /// <summary><c>NOT</c>.</summary>
    Not,

    /// <summary><c>NOTHING</c>.</summary>
    Nothing,

    /// <summary><c>NOTNULL</c>.</summary>
    Notnull,

    /// <summary><c>NOWAIT</c>.</summary>
    Nowait,

    /// <summary><c>NULL</c>.</summary>
    Null,

    /// <summary><c>NULLIF</c>.</summary>
    Nullif,

    /// <summary><c>NULLS</c>.</summary>
    Nulls,

    /// <summary><c>NUMERIC</c>.</summary>
    Numeric,

    /// <summary><c>OF</c>.</summary>
    Of,

    /// <summary><c>OFFSET</c>.</summary>
    Offset,

    /// <summary><c>ON</c>.</summary>
    On,

    /// <summary><c>ONLY</c>.</summary>
    Only,

    /// <summary><c>OPERATOR</c>.</summary>
    Operator,

    /// <summary><c>OR</c>.</summary>
    Or,

    /// <summary><c>ORDER</c>.</summary>
    Order,

    /// <summary><c>ORDINALITY</c>.</summary>
    Ordinality,

    /// <summary><c>OTHERS</c>.</summary>
    Others,

    /// <summary><c>OUT</c>.</summary>
    Out,

    /// <summary><c>OUTER</c>.</summary>
    Outer,

    /// <summary><c>OVER</c>.</summary>
    Over,

    /// <summary><c>OVERLAPS</c>.</summary>
    Overlaps,

    /// <summary><c>OVERLAY</c>.</summary>
    Overlay,

    /// <summary><c>OVERRIDING</c>.</summary>
    Overriding,

    /// <summary><c>PARTITION</c>.</summary>
    Partition,

    /// <summary><c>PLACING</c>.</summary>
    Placing,

    /// <summary><c>POSITION</c>.</summary>
    Position,

    /// <summary><c>PRECEDING</c>.</summary>
    Preceding,

    /// <summary><c>PRECISION</c>.</summary>
    Precision,

    /// <summary><c>PRIMARY</c>.</summary>
    Primary,

    /// <summary><c>RANGE</c>.</summary>
    Range,

    /// <summary><c>REAL</c>.</summary>
    Real,

    /// <summary><c>RECURSIVE</c>.</summary>
    Recursive,

    /// <summary><c>REFERENCES</c>.</summary>
    References,

    /// <summary><c>RETURNING</c>.</summary>
    Returning,

    /// <summary><c>RIGHT</c>.</summary>
    Right,

    /// <summary><c>ROLLUP</c>.</summary>
    Rollup,

    /// <summary><c>ROW</c>.</summary>
    Row,

    /// <summary><c>ROWS</c>.</summary>
    Rows,

    /// <summary><c>SEARCH</c>.</summary>
    Search,

    /// <summary><c>SECOND</c>.</summary>
    Second,

    /// <summary><c>SELECT</c>.</summary>
    Select,

    /// <summary><c>SESSION_USER</c>.</summary>
    SessionUser,

    /// <summary><c>SET</c>.</summary>
    Set,

    /// <summary><c>SETOF</c>.</summary>
    Setof,

    /// <summary><c>SETS</c>.</summary>
    Sets,

    /// <summary><c>SHARE</c>.</summary>
    Share,

    /// <summary><c>SIMILAR</c>.</summary>
    Similar,

    /// <summary><c>SKIP</c>.</summary>
    Skip,

    /// <summary><c>SMALLINT</c>.</summary>
    Smallint,

    /// <summary><c>SOME</c>.</summary>
    Some,

    /// <summary><c>SUBSTRING</c>.</summary>
    Substring,

    /// <summary><c>SYMMETRIC</c>.</summary>
    Symmetric,

    /// <summary><c>TABLE</c>.</summary>
    Table,

    /// <summary><c>TABLESAMPLE</c>.</summary>
    Tablesample,

    /// <summary><c>THEN</c>.</summary>
    Then,

    /// <summary><c>TIES</c>.</summary>
    Ties,

    /// <summary><c>TIME</c>.</summary>
    Time,

    /// <summary><c>TIMESTAMP</c>.</summary>
    Timestamp,

    /// <summary><c>TO</c>.</summary>
    To,

    /// <summary><c>TRAILING</c>.</summary>
    Trailing,

    /// <summary><c>TREAT</c>.</summary>
    Treat,

    /// <summary><c>TRIM</c>.</summary>
    Trim,

    /// <summary><c>TRUE</c>.</summary>
    True,

    /// <summary><c>UNBOUNDED</c>.</summary>
    Unbounded,

    /// <summary><c>UNION</c>.</summary>
    Union,

    /// <summary><c>UNIQUE</c>.</summary>
    Unique,

    /// <summary><c>UNKNOWN</c>.</summary>
    Unknown,

    /// <summary><c>UPDATE</c>.</summary>
    Update,

    /// <summary><c>USER</c>.</summary>
    User,

    /// <summary><c>USING</c>.</summary>
    Using,

    /// <summary><c>VALUES</c>.</summary>
    Values,

    /// <summary><c>VARCHAR</c>.</summary>
    Varchar,

    /// <summary><c>VARIADIC</c>.</summary>
    Variadic,

    /// <summary><c>VARYING</c>.</summary>
    Varying,

    /// <summary><c>VERBOSE</c>.</summary>
    Verbose,

    /// <summary><c>WHEN</c>.</summary>
    When,

    /// <summary><c>WHERE</c>.</summary>
    Where,

    /// <summary><c>WINDOW</c>.</summary>
    Window,

    /// <summary><c>WITH</c>.</summary>
    With,

    /// <summary><c>WITHIN</c>.</summary>
    Within,

    /// <summary><c>WITHOUT</c>.</summary>
    Without,

    /// <summary><c>XMLATTRIBUTES</c>.</summary>
    Xmlattributes,

    /// <summary><c>XMLCONCAT</c>.</summary>
    Xmlconcat,

    /// <summary><c>XMLELEMENT</c>.</summary>
    Xmlelement,

    /// <summary><c>XMLEXISTS</c>.</summary>
    Xmlexists,

    /// <summary><c>XMLFOREST</c>.</summary>
    Xmlforest,

    /// <summary><c>XMLNAMESPACES</c>.</summary>
    Xmlnamespaces,

    /// <summary><c>XMLPARSE</c>.</summary>
    Xmlparse,

    /// <summary><c>XMLPI</c>.</summary>
    Xmlpi,

    /// <summary><c>XMLROOT</c>.</summary>
    Xmlroot,

    /// <summary><c>XMLSERIALIZE</c>.</summary>
    Xmlserialize,

    /// <summary><c>XMLTABLE</c>.</summary>
    Xmltable,

    /// <summary><c>YEAR</c>.</summary>
    Year,

    /// <summary><c>ZONE</c>.</summary>
    Zone,
}
