using MonevDashboard.Data.Model;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore.Metadata;
using MonevDashboard.Domain.Contracts;
using MonevDashboard.Features.AuditLog;

namespace MonevDashboard.Data;

/// <summary>
/// The audited properties of one record type, read from the EF model (same names and order as the interceptor
/// records) with compiled getters, to build the entries of thousands of changes without a change tracker — through
/// the same <see cref="AuditEntryFormat.Build"/> as every EF save.
/// </summary>
public sealed class AuditedProperties<T> where T : class
{
    private readonly IAuditDeclaration _declaration;
    private readonly (string Name, Func<T, object?> Get)[] _properties;

    public AuditedProperties(IModel model, AuditDeclarations declarations)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(declarations);
        _declaration = declarations.For(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} has no audit declaration.");
        var entityType = model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        _properties = [.. entityType.GetProperties().Where(AuditEntryFormat.IsAudited).Select(p => (p.Name, Getter(p)))];
    }

    /// <summary>The entry of a created record: every audited property.</summary>
    public AuditEntry Created(T entity) =>
        AuditEntryFormat.Build(_declaration, AuditChangeKind.Added, entity, [.. _properties.Select(p => (p.Name, (object?)null, p.Get(entity)))])!;

    /// <summary>The entry of an updated record: the properties that differ; null when nothing differs.</summary>
    public AuditEntry? Changed(T before, T after) =>
        AuditEntryFormat.Build(_declaration, AuditChangeKind.Modified, after,
            [.. _properties.Select(p => (p.Name, Old: p.Get(before), New: p.Get(after))).Where(p => !Equals(p.Old, p.New))]);

    private static Func<T, object?> Getter(IProperty property)
    {
        var info = property.PropertyInfo ?? throw new InvalidOperationException($"{typeof(T).Name}.{property.Name} is not a CLR property.");
        var entity = Expression.Parameter(typeof(T));
        return Expression.Lambda<Func<T, object?>>(Expression.Convert(Expression.Property(entity, info), typeof(object)), entity).Compile();
    }
}
