namespace TenantDapper.Citus;

/// <summary>A column of a table as the catalog describes it.</summary>
/// <param name="Name">The column's name, spelled as the catalog stores it.</param>
/// <param name="Type">The column's type as <c>format_type</c> writes it (e.g. <c>bigint</c>, <c>character varying(20)</c>).</param>
/// <param name="IsNotNull">Whether the column is declared NOT NULL.</param>
/// <param name="Identity">Whether it is an identity column (Citus cannot undistribute a table with one).</param>
public sealed record CatalogColumn(string Name, string Type, bool IsNotNull, ColumnIdentity Identity = ColumnIdentity.None);
