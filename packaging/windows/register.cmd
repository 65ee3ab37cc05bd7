@echo off
rem Double-click to make *.roam bookmarks open with Roam (this user only).
rem Pass /ssh to also open ssh:// links with Roam.
if /i "%~1"=="/ssh" (
  powershell -NoProfile -ExecutionPolicy Bypass -File "%~dp0register.ps1" -SshHandler
) else (
  powershell -NoProfile -ExecutionPolicy Bypass -File "%~dp0register.ps1"
)
pause
