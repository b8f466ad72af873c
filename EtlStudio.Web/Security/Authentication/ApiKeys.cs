using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace EtlStudio.Web.Security.Authentication;

/// <summary>API keys for scripts: 256 random bits, shown once, stored as their SHA-256. A slow password hash is not
/// needed for a key with that much entropy, and a plain hash lets a request find its user with one indexed lookup.</summary>
internal static class ApiKeys
{
    public const string Header = "X-Api-Key";
    private const string Prefix = "etl_";

    public static string Generate() => Prefix + WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key.Trim())));
}
