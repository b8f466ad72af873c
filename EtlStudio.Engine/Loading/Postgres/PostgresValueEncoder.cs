namespace EtlStudio.Engine.Loading.Postgres;

/// <summary>Appends one non-null value as a binary COPY field (its length, then the type's binary send format) to
/// <paramref name="writer"/>. Throws <see cref="InvalidCastException"/>, <see cref="ArgumentException"/> or
/// <see cref="OverflowException"/> for a value it cannot encode, which the session reports with the row and column.</summary>
internal delegate void PostgresValueEncoder(PostgresCopyWriter writer, object value);
