using System.Buffers.Binary;

namespace EtlStudio.Engine.Loading.Postgres;

/// <summary>PostgreSQL's numeric binary format (numeric_recv in src/backend/utils/adt/numeric.c): ndigits, weight,
/// sign, dscale (four int16), then ndigits base-10000 digits, most significant first; the value is
/// Σ digit[i] × 10000^(weight − i). Trailing zero digits are left out and dscale is the decimal's own scale, as Npgsql
/// writes it, so 1.50m is stored as 1.50 in an unconstrained numeric.</summary>
internal static class PostgresNumeric
{
    private const short Positive = 0x0000;
    private const short Negative = 0x4000;

    /// <summary>A decimal's mantissa is below 2^96 (29 digits); scaled up by at most 10^3 it has at most 32 digits.</summary>
    private const int MaxDigits = 8;

    private static ReadOnlySpan<ushort> Pow10 => [1, 10, 100, 1000];

    public static void Write(PostgresCopyWriter writer, decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        int scale = value.Scale;
        // Whole base-10000 digits after the point: pad the mantissa with zeros up to a multiple of 4 decimals.
        var pad = (4 - scale % 4) % 4;
        var fractionDigits = (scale + pad) / 4;
        var mantissa = new UInt128((uint)bits[2], ((ulong)(uint)bits[1] << 32) | (uint)bits[0]) * Pow10[pad];

        // Least significant first.
        Span<short> digits = stackalloc short[MaxDigits];
        var count = 0;
        while (mantissa > ulong.MaxValue)
        {
            (mantissa, var digit) = UInt128.DivRem(mantissa, 10000);
            digits[count++] = (short)digit;
        }
        for (var rest = (ulong)mantissa; rest != 0; rest /= 10000) digits[count++] = (short)(rest % 10000);

        var weight = count - fractionDigits - 1;
        var low = 0;
        while (low < count && digits[low] == 0) low++;
        var stored = count - low;

        var field = writer.Field(8 + 2 * stored);
        BinaryPrimitives.WriteInt16BigEndian(field, (short)stored);
        BinaryPrimitives.WriteInt16BigEndian(field[2..], (short)(stored == 0 ? 0 : weight));
        BinaryPrimitives.WriteInt16BigEndian(field[4..], value < 0 ? Negative : Positive);
        BinaryPrimitives.WriteInt16BigEndian(field[6..], (short)scale);
        for (var i = 0; i < stored; i++) BinaryPrimitives.WriteInt16BigEndian(field[(8 + 2 * i)..], digits[count - 1 - i]);
    }
}
