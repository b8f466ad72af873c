namespace EtlStudio.Engine.Loading.Postgres;

/// <summary>PostgreSQL's binary forms of numeric and of dates and times, as Npgsql writes them: times in microseconds
/// from 2000-01-01 (ticks truncated toward zero), <see cref="DateTime.MinValue"/>/<see cref="DateTime.MaxValue"/> and
/// <see cref="DateOnly.MinValue"/>/<see cref="DateOnly.MaxValue"/> as -infinity/infinity.</summary>
internal static class PostgresBinaryValues
{
    private const long EpochTicks = 630822816000000000; // 2000-01-01T00:00:00
    private static readonly int EpochDay = new DateOnly(2000, 1, 1).DayNumber;

    public static void Timestamp(PostgresCopyBuffer buffer, DateTime value) =>
        buffer.Field(value == DateTime.MaxValue ? long.MaxValue : value == DateTime.MinValue ? long.MinValue : (value.Ticks - EpochTicks) / 10);

    public static void Date(PostgresCopyBuffer buffer, DateOnly value) =>
        buffer.Field(value == DateOnly.MaxValue ? int.MaxValue : value == DateOnly.MinValue ? int.MinValue : value.DayNumber - EpochDay);

    /// <summary>numeric: ndigits, weight (of the first base-10000 digit), sign, display scale, then the digits.
    /// The mantissa is scaled so the fraction fills whole base-10000 digits, then cut into digits from the right.</summary>
    public static void Numeric(PostgresCopyBuffer buffer, decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var scale = (bits[3] >> 16) & 0xFF;
        var negative = bits[3] < 0;
        var mantissa = ((UInt128)(uint)bits[2] << 64) | ((UInt128)(uint)bits[1] << 32) | (uint)bits[0];
        var pad = (4 - scale % 4) % 4;
        for (var i = 0; i < pad; i++) mantissa *= 10;
        var fractionDigits = (scale + pad) / 4;
        Span<short> digits = stackalloc short[16];
        var count = 0;
        while (mantissa != 0)
        {
            (mantissa, var digit) = UInt128.DivRem(mantissa, 10_000);
            digits[count++] = (short)digit;
        }
        // digits[] is least significant first; drop trailing zero digits (the least significant ones).
        var low = 0;
        while (low < count && digits[low] == 0) low++;
        var ndigits = count - low;
        var weight = count - fractionDigits - 1;
        var field = buffer.Span(4 + 8 + 2 * ndigits);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(field, 8 + 2 * ndigits);
        System.Buffers.Binary.BinaryPrimitives.WriteInt16BigEndian(field[4..], (short)ndigits);
        System.Buffers.Binary.BinaryPrimitives.WriteInt16BigEndian(field[6..], (short)(ndigits == 0 ? 0 : weight));
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16BigEndian(field[8..], negative && ndigits > 0 ? (ushort)0x4000 : (ushort)0);
        System.Buffers.Binary.BinaryPrimitives.WriteInt16BigEndian(field[10..], (short)scale);
        for (var i = 0; i < ndigits; i++)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteInt16BigEndian(field[(12 + 2 * i)..], digits[count - 1 - i]);
        }
    }
}
