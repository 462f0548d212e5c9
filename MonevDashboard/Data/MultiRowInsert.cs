using System.Data.Common;

namespace MonevDashboard.Data;

/// <summary>
/// Prepared INSERTs of a few rows per statement: per-row columns are parameters, columns equal for every row are
/// one shared parameter. How many rows a statement carries is the dialect's (<see cref="IDatabaseDialect.RowsPerInsert"/>);
/// the SQL is provider-neutral (quoted identifiers, <c>@name</c> parameters).
/// </summary>
internal sealed class MultiRowInsert : IDisposable
{
    private readonly int _rowsPerStatement;
    private readonly DbConnection _connection;
    private readonly DbTransaction _transaction;
    private readonly string _table;
    private readonly string[] _columns;
    private readonly (string Column, object? Value)[] _constants;
    private readonly List<object?[]> _pending;
    private DbCommand? _full;

    public MultiRowInsert(IDatabaseDialect dialect, DbConnection connection, DbTransaction transaction, string table, string[] columns,
        (string Column, object? Value)[] constants)
    {
        (_connection, _transaction, _table, _columns, _constants) = (connection, transaction, table, columns, constants);
        _rowsPerStatement = dialect.RowsPerInsert;
        _pending = new(_rowsPerStatement);
    }

    public void Add(params object?[] values)
    {
        _pending.Add(values);
        if (_pending.Count == _rowsPerStatement)
        {
            _full ??= Build(_rowsPerStatement);
            Execute(_full);
        }
    }

    public void Flush()
    {
        if (_pending.Count > 0)
        {
            using var partial = Build(_pending.Count);
            Execute(partial);
        }
    }

    private void Execute(DbCommand command)
    {
        var parameters = command.Parameters;
        var p = _constants.Length;
        foreach (var row in _pending)
        {
            foreach (var value in row)
            {
                parameters[p++].Value = value ?? DBNull.Value;
            }
        }
        command.ExecuteNonQuery();
        _pending.Clear();
    }

    private DbCommand Build(int rows)
    {
        var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandTimeout = 600;
        var sql = new System.Text.StringBuilder();
        sql.Append("INSERT INTO \"").Append(_table).Append("\" (")
            .AppendJoin(", ", _constants.Select(c => c.Column).Concat(_columns).Select(c => $"\"{c}\"")).Append(") VALUES ");
        for (var c = 0; c < _constants.Length; c++)
        {
            DatabaseDialect.AddParameter(command, $"@k{c}", _constants[c].Value);
        }
        for (var r = 0; r < rows; r++)
        {
            sql.Append(r == 0 ? "(" : ", (");
            sql.AppendJoin(", ", Enumerable.Range(0, _constants.Length).Select(c => $"@k{c}"));
            for (var c = 0; c < _columns.Length; c++)
            {
                var name = $"@r{r}c{c}";
                sql.Append(", ").Append(name);
                DatabaseDialect.AddParameter(command, name);
            }
            sql.Append(')');
        }
        command.CommandText = sql.ToString();
        command.Prepare();
        return command;
    }

    public void Dispose() => _full?.Dispose();
}
