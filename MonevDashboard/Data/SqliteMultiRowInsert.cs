using Microsoft.Data.Sqlite;

namespace MonevDashboard.Data;

/// <summary>
/// Prepared INSERTs of a few rows per statement: per-row columns are parameters, columns equal for every row are
/// one shared parameter. Few rows, because binding looks each named parameter up in a list — a statement with
/// a thousand parameters binds slower than ten statements of a hundred (measured).
/// </summary>
internal sealed class SqliteMultiRowInsert : IDisposable
{
    private const int RowsPerStatement = 16;
    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _transaction;
    private readonly string _table;
    private readonly string[] _columns;
    private readonly (string Column, object? Value)[] _constants;
    private readonly List<object?[]> _pending = new(RowsPerStatement);
    private SqliteCommand? _full;

    public SqliteMultiRowInsert(SqliteConnection connection, SqliteTransaction transaction, string table, string[] columns, (string Column, object? Value)[] constants)
    {
        (_connection, _transaction, _table, _columns, _constants) = (connection, transaction, table, columns, constants);
    }

    public void Add(params object?[] values)
    {
        _pending.Add(values);
        if (_pending.Count == RowsPerStatement)
        {
            _full ??= Build(RowsPerStatement);
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

    private void Execute(SqliteCommand command)
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

    private SqliteCommand Build(int rows)
    {
        var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandTimeout = 600;
        var sql = new System.Text.StringBuilder();
        sql.Append("INSERT INTO ").Append(_table).Append(" (")
            .AppendJoin(", ", _constants.Select(c => c.Column).Concat(_columns)).Append(") VALUES ");
        for (var c = 0; c < _constants.Length; c++)
        {
            command.Parameters.AddWithValue($"$k{c}", _constants[c].Value ?? DBNull.Value);
        }
        for (var r = 0; r < rows; r++)
        {
            sql.Append(r == 0 ? "(" : ", (");
            sql.AppendJoin(", ", Enumerable.Range(0, _constants.Length).Select(c => $"$k{c}"));
            for (var c = 0; c < _columns.Length; c++)
            {
                var name = $"$r{r}c{c}";
                sql.Append(", ").Append(name);
                command.Parameters.Add(new SqliteParameter { ParameterName = name });
            }
            sql.Append(')');
        }
        command.CommandText = sql.ToString();
        command.Prepare();
        return command;
    }

    public void Dispose() => _full?.Dispose();
}
