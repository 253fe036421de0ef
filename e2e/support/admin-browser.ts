import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import type { Role, User } from '../../src/modules/accounts/index.js';
import { SignInPage } from '../pages/admin-pages.js';
import { newReader } from './browser.js';
import type { RunningSite } from './site.js';

/** The password every browser-test account uses. */
export const staffPassword = 'correct horse battery staple';

let counter = 0;

/** Adds a newsroom member to the running site. */
export function addStaff(site: RunningSite, role: Role, name: string): Promise<User> {
  return site.container.accounts.create({ email: `${role}.${++counter}@newsroom.example`, name, role, password: staffPassword });
}

/** A fresh browser (its own cookies) signed in as `user` through the real sign-in form. */
export async function staffBrowser(browser: Browser, site: RunningSite, user: User, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await newReader(browser, site.baseUrl, options);
  const page = await context.newPage();
  await (await new SignInPage(page).goto()).signIn(user.email, staffPassword);
  return page;
}
