using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Routing;
using MudBlazor;

namespace EtlStudio.Web.Components.Layout;

/// <summary>Removes snackbars as the user moves on: one raised just before a navigation (an editor's "Saved" on its
/// way back to the list) stays on the page it leads to and goes at the next navigation.</summary>
public sealed class SnackbarNavigationCleanup : ComponentBase, IDisposable
{
    private List<Snackbar> _carried = [];

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbars { get; set; } = default!;

    protected override void OnInitialized() => Navigation.LocationChanged += OnLocationChanged;

    private void OnLocationChanged(object? sender, LocationChangedEventArgs e)
    {
        foreach (var snackbar in _carried.Where(Snackbars.ShownSnackbars.Contains).ToList())
        {
            Snackbars.Remove(snackbar);
        }
        _carried = Snackbars.ShownSnackbars.ToList();
    }

    public void Dispose() => Navigation.LocationChanged -= OnLocationChanged;
}
