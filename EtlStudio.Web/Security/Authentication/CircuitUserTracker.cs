using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace EtlStudio.Web.Security.Authentication;

/// <summary>Keeps the circuit's current user and hands it to <see cref="CurrentUser"/> around every inbound event.</summary>
internal sealed class CircuitUserTracker(AuthenticationStateProvider authentication) : CircuitHandler, IDisposable
{
    private Task<AuthenticationState>? _state;

    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        authentication.AuthenticationStateChanged += OnChanged;
        _state = authentication.GetAuthenticationStateAsync();
        return Task.CompletedTask;
    }

    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        context =>
        {
            // A state still being revalidated counts as nobody: the change is then recorded as "system", never as
            // someone else.
            CurrentUser.SetCircuitUser(_state is { IsCompletedSuccessfully: true } state ? state.Result.User : null);
            return next(context);
        };

    private void OnChanged(Task<AuthenticationState> state) => _state = state;

    public void Dispose() => authentication.AuthenticationStateChanged -= OnChanged;
}
