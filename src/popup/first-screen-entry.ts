// A script of its own, loaded by popup.html and library.html before the page's: it starts
// reading the first screen of papers while the page's script is still loading (src/db/first-screen.ts).
import { readFirstScreen } from '../db/first-screen';

window.shelfmarkFirstScreen = readFirstScreen();
