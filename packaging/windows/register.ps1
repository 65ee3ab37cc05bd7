# register.ps1 makes Windows open Roam bookmarks (*.roam) with the roam.exe
# beside this script, for the current user only (HKCU: no administrator
# rights needed):
#
#   powershell -ExecutionPolicy Bypass -File register.ps1              # *.roam
#   powershell -ExecutionPolicy Bypass -File register.ps1 -SshHandler  # and ssh:// links
#   powershell -ExecutionPolicy Bypass -File register.ps1 -Unregister  # undo both
#
# ssh:// links are opt-in: other ssh clients may want them.
param(
	[switch]$SshHandler,
	[switch]$Unregister
)
$ErrorActionPreference = 'Stop'

$exe = Join-Path $PSScriptRoot 'roam.exe'
if (-not $Unregister -and -not (Test-Path $exe)) {
	throw "register.ps1: $exe not found; keep this script beside roam.exe"
}
$classes = 'HKCU:\Software\Classes'
$progId = 'Roam.Bookmark'
$open = "`"$exe`" `"%1`""
$icon = "`"$exe`",0"

function Set-Key([string]$path, [hashtable]$values) {
	if (-not (Test-Path $path)) { New-Item -Path $path -Force | Out-Null }
	# '(default)' names the key's unnamed value.
	foreach ($name in $values.Keys) {
		Set-ItemProperty -Path $path -Name $name -Value $values[$name]
	}
}

if ($Unregister) {
	foreach ($k in "$classes\.roam", "$classes\$progId") {
		if (Test-Path $k) { Remove-Item -Path $k -Recurse -Force }
	}
	# Remove ssh:// only if it is ours.
	$ssh = "$classes\ssh\shell\open\command"
	if ((Test-Path $ssh) -and ((Get-ItemProperty -Path $ssh).'(default)' -like "*roam.exe*")) {
		Remove-Item -Path "$classes\ssh" -Recurse -Force
	}
} else {
	Set-Key "$classes\.roam" @{ '(default)' = $progId; 'Content Type' = 'application/x-roam-bookmark'; 'PerceivedType' = 'text' }
	Set-Key "$classes\$progId" @{ '(default)' = 'Roam bookmark' }
	Set-Key "$classes\$progId\DefaultIcon" @{ '(default)' = $icon }
	Set-Key "$classes\$progId\shell\open\command" @{ '(default)' = $open }
	if ($SshHandler) {
		Set-Key "$classes\ssh" @{ '(default)' = 'URL:SSH link'; 'URL Protocol' = '' }
		Set-Key "$classes\ssh\DefaultIcon" @{ '(default)' = $icon }
		Set-Key "$classes\ssh\shell\open\command" @{ '(default)' = $open }
	}
}

# Tell Explorer the associations changed (SHCNE_ASSOCCHANGED).
Add-Type -Namespace Roam -Name Shell -MemberDefinition @'
[System.Runtime.InteropServices.DllImport("shell32.dll")]
public static extern void SHChangeNotify(int eventId, uint flags, System.IntPtr item1, System.IntPtr item2);
'@
[Roam.Shell]::SHChangeNotify(0x08000000, 0, [System.IntPtr]::Zero, [System.IntPtr]::Zero)
if ($Unregister) { 'Roam: file associations removed.' } else { "Roam: *.roam now opens with $exe." }
