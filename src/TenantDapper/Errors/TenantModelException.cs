namespace TenantDapper;

/// <summary>A tenant model was declared inconsistently (a table twice, two roots, an unsupported key type).</summary>
public sealed class TenantModelException : TenantDapperException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong with the model and how to fix it.</param>
    public TenantModelException(string message)
        : base(message)
    {
    }
}
